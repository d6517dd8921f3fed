"""Factories for synthetic people, shared by the tests and the demo data."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from digiready.accounts.models import RoleAssignment, User
from digiready.accounts.professions import PROFESSIONS

# Only ever set on made-up demo accounts; production refuses to load demo data.
DEMO_PASSWORD = "digiready-demo-2026"  # noqa: S105


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@staff.example")
    profession = factory.Iterator([p.code for p in PROFESSIONS])
    staff_group = factory.LazyAttribute(
        lambda o: next(p.staff_group for p in PROFESSIONS if p.code == o.profession)
    )

    @factory.post_generation
    def password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        obj.set_password(extracted or DEMO_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment._meta.get_field("role").choices[0][0]  # type: ignore[index]
