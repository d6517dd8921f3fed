from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "digiready.analytics"
    verbose_name = "Workforce analytics"
