"""Factories for organisations, shared by the tests and the demo data."""

import factory
from factory.django import DjangoModelFactory

from digiready.organisations.models import Kind, Organisation, OrganisationLink, ProviderType


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("ods_code",)

    ods_code = factory.Sequence(lambda n: f"ZZ{n:03d}")
    name = factory.Sequence(lambda n: f"Example Organisation {n}")
    kind = Kind.PROVIDER
    provider_type = ProviderType.NHS_TRUST


class LinkFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationLink

    child = factory.SubFactory(OrganisationFactory)
    parent = factory.SubFactory(OrganisationFactory, kind=Kind.ICB, provider_type="")
