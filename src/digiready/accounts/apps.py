from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "digiready.accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from digiready.accounts import signals  # noqa: F401
