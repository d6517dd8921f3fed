from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "digiready.frameworks"
    verbose_name = "Capability frameworks"
