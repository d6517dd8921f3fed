from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "digiready.assessments"
    verbose_name = "Self-assessments"
