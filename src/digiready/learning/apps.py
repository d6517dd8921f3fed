from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "digiready.learning"
    verbose_name = "Learning catalogue"
