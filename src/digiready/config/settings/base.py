"""Settings shared by every environment. Values come from environment variables."""

import os
from pathlib import Path

import dj_database_url

from digiready.config.env import env_bool, env_list, local_secret_key, smtp_settings

PACKAGE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = Path(os.environ.get("DIGIREADY_HOME", PACKAGE_DIR.parents[1])).resolve()
VAR_DIR = Path(os.environ.get("DIGIREADY_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'digiready.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work together; busy timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

DIGIREADY_APPS = [
    "core",
    "accounts",
    "organisations",
    "frameworks",
    "consultation",
    "learning",
    "assessments",
    "analytics",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    *[f"digiready.{app}" for app in DIGIREADY_APPS],
]

# Long jobs (theme analysis, imports): run at once in the request by default; set
# DIGIREADY_TASKS=database in production and run `digiready db_worker` beside the web tier.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("DIGIREADY_TASKS") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "digiready.core.problems.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "digiready.organisations.middleware.ScopeMiddleware",
    # Last, so that a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "digiready.config.urls"
WSGI_APPLICATION = "digiready.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Our own apps keep Jinja templates in templates/<app>/; Django's own apps keep
        # theirs for the template language below, so the Jinja engine lists ours by name.
        "DIRS": [PACKAGE_DIR / "templates"]
        + [PACKAGE_DIR / app / "templates" for app in DIGIREADY_APPS],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "digiready.config.jinja2.environment"},
    },
    {
        # The Django template language stays for the admin site.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "core" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:start"

# Failed sign-in throttling: five failures for one account from one address lock it for 15 min.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "digiready.accounts.views.locked_out"
AXES_VERBOSE = False

# Long forms must not time out in under 20 hours.
SESSION_COOKIE_AGE = 60 * 60 * 24
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Digital Ready <noreply@digiready.invalid>"
)
if os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = smtp_settings(
        os.environ["EMAIL_URL"]
    )
    EMAIL_USE_TLS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Dashboards' cell sums, one file per wave, renewed when the data changes.
ANALYTICS_CACHE_DIR = Path(
    os.environ.get("DIGIREADY_ANALYTICS_CACHE_DIR", VAR_DIR / "cache" / "analytics")
)
STATICFILES_DIRS = [PACKAGE_DIR / "static", BASE_DIR / "build" / "assets"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SERVICE_NAME = "Digital Ready"
PHASE = os.environ.get("DIGIREADY_PHASE", "beta")
FEEDBACK_URL = os.environ.get("DIGIREADY_FEEDBACK_URL", "mailto:feedback@digiready.invalid")
# The public address of the service: exported CASE identifiers resolve under it.
SITE_URL = os.environ.get("DIGIREADY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The largest framework file (CASE or CSV) accepted for import; 5,000 CASE items are about 5 MB.
# The anonymous conversation: contributions a browser may send in an hour, and how long
# rejected text is kept for appeals before it is deleted.
CONSULTATION_RATE_LIMIT = int(os.environ.get("DIGIREADY_CONSULTATION_RATE_LIMIT", 30))
# Behind a proxy every request comes from the proxy: name the header holding the visitor's
# address (e.g. HTTP_X_FORWARDED_FOR) so rate limits apply per visitor, not to everyone at once.
CLIENT_ADDRESS_HEADER = os.environ.get("DIGIREADY_CLIENT_ADDRESS_HEADER", "")
CONSULTATION_RETENTION_DAYS = int(os.environ.get("DIGIREADY_CONSULTATION_RETENTION_DAYS", 90))
FRAMEWORK_UPLOAD_MAX_BYTES = int(os.environ.get("DIGIREADY_FRAMEWORK_UPLOAD_MAX_BYTES", 50_000_000))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Production settings switch this on; demo data refuses to load when it is.
DIGIREADY_PRODUCTION = False
