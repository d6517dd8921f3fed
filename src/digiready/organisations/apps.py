from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "digiready.organisations"
    verbose_name = "Organisations"
