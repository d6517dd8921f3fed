from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "digiready.analytics"
    verbose_name = "Workforce analytics"

    def ready(self) -> None:
        from digiready.analytics import signals  # noqa: F401
