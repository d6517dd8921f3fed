from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "digiready.consultation"
    verbose_name = "Online conversation"
