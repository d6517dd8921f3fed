from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digiready.core"
    verbose_name = "Core"
