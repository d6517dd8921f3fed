"""Catalogue pages: anyone browses; educators import and see coverage; nothing else changes it."""

import csv
import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from digiready.accounts.models import AuditEvent, Role, User
from digiready.frameworks.models import FrameworkVersion
from digiready.learning import store
from digiready.learning.catalogue import COLUMNS
from digiready.learning.models import LearningResource

from .conftest import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    store.load_demo_catalogue()


@pytest.fixture
def educator(make_person: Callable[..., User]) -> User:
    return make_person(role=Role.EDUCATOR)


def upload(data: bytes, name: str = "catalogue.csv") -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, data, content_type="text/csv")}


def test_anyone_browses_the_catalogue_page_by_page(client: Client, demo: None) -> None:
    page = client.get("/learning/")
    assert page.status_code == 200
    assert "<title>Learning resources – Learning – Digital Ready – NHS</title>" in page.text
    total = LearningResource.objects.count()
    assert f"Showing 1 to 20 of {total} resources" in page.text
    assert "Free" in page.text and "NHS Learning Hub" in page.text
    assert "DL.1 Championing digital ways of working: Foundation to Intermediate" in page.text
    second = client.get("/learning/?page=2")
    assert f"Showing 21 to 40 of {total} resources" in second.text
    # The coverage and import links are only for those who may use them.
    assert "/learning/import/" not in page.text
    assert "/learning/coverage/" not in page.text


def test_the_filters_narrow_the_catalogue_and_keep_their_choices(
    client: Client, demo: None, digital_ready: FrameworkVersion
) -> None:
    dl = digital_ready.domains.get(code="DL")
    page = client.get("/learning/", {"domain": str(dl.lineage), "format": "course", "cost": "free"})
    assert "Leading digital transformation in health and care" in page.text
    assert "Becoming a digital champion" not in page.text  # e-learning
    assert "Digital health leadership programme" not in page.text  # paid
    assert "matching your filters" in page.text
    assert f'value="{dl.lineage}" selected' in page.text
    paid = client.get("/learning/", {"cost": "paid"})
    assert "Digital health leadership programme" in paid.text
    assert "Becoming a digital champion" not in paid.text


def test_a_filter_value_from_an_old_link_is_ignored_not_an_error(
    client: Client, demo: None
) -> None:
    page = client.get("/learning/", {"domain": "not-a-domain", "format": "lecture"})
    assert page.status_code == 200
    assert "There is a problem" not in page.text
    assert f"of {LearningResource.objects.count()} resources" in page.text


def test_the_pagination_links_keep_the_filters(client: Client, demo: None) -> None:
    page = client.get("/learning/", {"cost": "free"})
    assert "?cost=free&amp;page=2" in page.text


def test_a_resource_page_shows_what_it_covers(client: Client, demo: None) -> None:
    resource = LearningResource.objects.get(
        title="Leading digital transformation in health and care"
    )
    page = client.get(f"/learning/{resource.public_id}/")
    assert page.status_code == 200
    assert (
        "<title>Leading digital transformation in health and care – Learning – Digital Ready – NHS"
        in page.text
    )
    assert "DL.2 Making the case for digital change" in page.text
    assert "Advanced to Expert" in page.text
    assert "About 18 hours" in page.text
    assert resource.url in page.text


def test_an_inactive_or_unknown_resource_is_not_found(client: Client, demo: None) -> None:
    resource = LearningResource.objects.first()
    assert resource is not None
    resource.active = False
    resource.save()
    assert client.get(f"/learning/{resource.public_id}/").status_code == 404
    assert client.get("/learning/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_anyone_downloads_the_catalogue_in_the_import_format(client: Client, demo: None) -> None:
    response = client.get("/learning/catalogue.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS
    assert len({(r[0], r[2]) for r in rows[1:]}) == LearningResource.objects.count()


def test_a_signed_in_download_is_audited(
    signed_in: Callable[[User], Client], educator: User, demo: None
) -> None:
    signed_in(educator).get("/learning/catalogue.csv")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=educator).exists()


@pytest.mark.parametrize("path", ["/learning/coverage/", "/learning/import/"])
def test_anonymous_people_are_asked_to_sign_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize(
    ("role", "coverage", "importing"),
    [
        (None, 403, 403),
        (Role.ORGANISATION_LEAD, 403, 403),
        (Role.EDUCATOR, 200, 200),
        (Role.FRAMEWORK_AUTHOR, 200, 403),
        (Role.ADMINISTRATOR, 200, 200),
    ],
)
def test_who_may_see_coverage_and_import(
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    role: str | None,
    coverage: int,
    importing: int,
) -> None:
    person = make_person(role=role, scope="R0A" if role == Role.ORGANISATION_LEAD else None)
    client = signed_in(person)
    assert client.get("/learning/coverage/").status_code == coverage
    assert client.get("/learning/import/").status_code == importing
    before = LearningResource.objects.count()
    assert client.post("/learning/import/", upload(SMALL)).status_code in {302, 403}
    assert (LearningResource.objects.count() > before) == (importing == 200)


def test_the_coverage_page_shows_gaps_by_domain_and_counts_by_level(
    signed_in: Callable[[User], Client], educator: User, demo: None
) -> None:
    page = signed_in(educator).get("/learning/coverage/")
    assert "<title>Catalogue coverage – Learning – Digital Ready – NHS</title>" in page.text
    assert "Digital Ready health and care digital capability framework, version 1.0" in page.text
    assert "AI.5 Helping to build AI" in page.text
    assert "HF.3 Working with automation" in page.text
    assert "All levels" in page.text
    assert "Resources by domain and level" in page.text
    # Organisational frameworks are not listed: only frameworks for people get learning plans.
    assert "organisational digital maturity framework" not in page.text


def test_an_educator_imports_a_file_and_sees_the_counts(
    signed_in: Callable[[User], Client], educator: User
) -> None:
    client = signed_in(educator)
    response = client.post("/learning/import/", upload(SMALL, "new-courses.csv"))
    assert response.status_code == 302
    assert response["Location"] == "/learning/import/done/"
    done = client.get("/learning/import/done/")
    assert "Learning resources imported" in done.text
    assert "new-courses.csv: 3 resources" in done.text
    assert LearningResource.objects.filter(title="Leading digital change").exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.CATALOGUE_IMPORTED)
    assert (event.actor, event.target) == (educator, "new-courses.csv")
    # The confirmation shows once; coming back to it goes to the import page.
    assert client.get("/learning/import/done/")["Location"] == "/learning/import/"


def test_a_file_with_problems_lists_every_one_and_changes_nothing(
    signed_in: Callable[[User], Client], educator: User, demo: None
) -> None:
    before = list(LearningResource.objects.values_list("title", "updated_at"))
    broken = SMALL.replace(b"DL.1,1-2", b"DL.9,1-7").replace(b"1080,120", b"1080,-120")
    page = signed_in(educator).post("/learning/import/", upload(broken, "broken.csv"))
    assert page.status_code == 200
    assert "<title>Error: Import learning resources – Learning" in page.text
    assert "There is a problem" in page.text
    assert "The file cannot be imported: 4 problems found. Nothing was changed." in page.text
    assert "broken.csv, row 2, capabilities: digital-ready has no capability DL.9" in page.text
    assert "broken.csv, row 2, levels: digital-ready has levels 1 to 4" in page.text
    assert "broken.csv, row 3, cost_pounds: -120 is negative" in page.text
    assert list(LearningResource.objects.values_list("title", "updated_at")) == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CATALOGUE_IMPORTED).exists()


def test_an_import_without_a_file_says_to_choose_one(
    signed_in: Callable[[User], Client], educator: User
) -> None:
    page = signed_in(educator).post("/learning/import/", {})
    assert "Choose a catalogue file to upload" in page.text


def test_a_file_with_very_many_problems_lists_the_first_two_hundred(
    signed_in: Callable[[User], Client], educator: User
) -> None:
    rows = [SMALL.splitlines()[0]] + [
        f"Course {n},Provider,https://www.e-lfh.org.uk/,,lecture,45,0,,,".encode()
        for n in range(250)
    ]
    page = signed_in(educator).post("/learning/import/", upload(b"\n".join(rows)))
    assert "The file cannot be imported: 250 problems found." in page.text
    assert "catalogue.csv, row 201, format" in page.text
    assert "catalogue.csv, row 202, format" not in page.text
    assert "And 50 more problems" in page.text
