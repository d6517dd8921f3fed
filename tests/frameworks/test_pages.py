"""Framework pages: who may see and change what."""

from collections.abc import Callable

import pytest
from django.test import Client

from digiready.accounts.models import AuditEvent, Role, User
from digiready.frameworks import store
from digiready.frameworks.factories import framework_data
from digiready.frameworks.models import Capability, FrameworkVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> FrameworkVersion:
    return store.save_framework(framework_data("Test framework"), slug="test-framework")


@pytest.fixture
def author(make_person: Callable[..., User]) -> User:
    return make_person(role=Role.FRAMEWORK_AUTHOR)


def test_anyone_can_browse_a_published_version(client: Client, published: FrameworkVersion) -> None:
    assert "Test framework" in client.get("/frameworks/").text
    response = client.get("/frameworks/test-framework/", follow=True)
    assert response.redirect_chain[-1][0] == "/frameworks/test-framework/1.0/"
    domain = published.domains.first()
    assert domain is not None
    page = client.get(f"/frameworks/test-framework/1.0/domains/{domain.lineage}/")
    assert "I can do D1.1 at level 4." in page.text
    cap = published.capabilities.first()
    assert cap is not None
    page = client.get(f"/frameworks/test-framework/1.0/capabilities/{cap.lineage}/")
    assert page.status_code == 200
    assert "Expert" in page.text


def test_drafts_are_hidden_from_everyone_but_authors(
    client: Client,
    published: FrameworkVersion,
    author: User,
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
) -> None:
    draft = store.new_draft(published)
    assert client.get("/frameworks/test-framework/1.1/").status_code == 404
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    assert signed_in(lead).get("/frameworks/test-framework/1.1/").status_code == 404
    assert signed_in(author).get("/frameworks/test-framework/1.1/").status_code == 200
    assert draft.is_draft


def test_only_authors_and_administrators_can_change_frameworks(
    client: Client,
    published: FrameworkVersion,
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
) -> None:
    url = "/frameworks/test-framework/1.0/new-draft/"
    assert client.post(url).status_code == 302  # to sign in
    assert not published.framework.versions.drafts().exists()
    educator = make_person(role=Role.EDUCATOR)
    assert signed_in(educator).post(url).status_code == 403
    admin = make_person(role=Role.ADMINISTRATOR)
    assert signed_in(admin).post(url).status_code == 302
    assert published.framework.versions.drafts().count() == 1
    assert signed_in(educator).get("/frameworks/import/").status_code == 403


def test_editing_a_published_version_is_refused(
    published: FrameworkVersion, author: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(author)
    cap = published.capabilities.first()
    assert cap is not None
    response = client.post(
        f"/frameworks/test-framework/1.0/capabilities/{cap.lineage}/edit/",
        {"title": "Changed"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/frameworks/test-framework/1.0/"
    cap.refresh_from_db()
    assert cap.title != "Changed"


def test_an_author_edits_a_draft_capability_and_it_is_audited(
    published: FrameworkVersion, author: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(author)
    client.post("/frameworks/test-framework/1.0/new-draft/")
    draft = published.framework.versions.drafts().get()
    cap = draft.capabilities.order_by("position").first()
    assert cap is not None
    data = {
        "domain": cap.domain_id,
        "code": cap.code,
        "title": "A clearer title",
        "description": "",
        **{f"level_{n}": f"I can do the new thing at level {n}." for n in range(1, 5)},
    }
    response = client.post(f"/frameworks/test-framework/1.1/capabilities/{cap.lineage}/edit/", data)
    assert response.status_code == 302
    cap.refresh_from_db()
    assert cap.title == "A clearer title"
    assert cap.levels.get(number=3).statement == "I can do the new thing at level 3."
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.FRAMEWORK_CHANGED, actor=author
    ).exists()


def test_a_capability_form_with_missing_and_repeated_statements_says_why(
    published: FrameworkVersion, author: User, signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(author)
    client.post("/frameworks/test-framework/1.0/new-draft/")
    draft = published.framework.versions.drafts().get()
    domain = draft.domains.first()
    assert domain is not None
    response = client.post(
        "/frameworks/test-framework/1.1/capabilities/add/",
        {
            "domain": domain.pk,
            "code": "D1.1",
            "title": "New",
            "level_1": "I can.",
            "level_2": "I can.",
            "level_3": "I can do more.",
        },
    )
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    assert "Another capability already has the code D1.1" in response.text
    assert "Each level needs a different statement" in response.text
    assert "Enter the statement for level 4 (Expert)" in response.text
    assert draft.capabilities.count() == 6


def test_downloads_are_the_case_package_and_the_csv(
    client: Client, published: FrameworkVersion
) -> None:
    case = client.get("/frameworks/test-framework/1.0/download/case/")
    assert case["Content-Type"].startswith("application/json")
    assert 'filename="test-framework-1.0.case.json"' in case["Content-Disposition"]
    assert case.json()["CFDocument"]["identifier"] == str(published.identifier)
    csv = client.get("/frameworks/test-framework/1.0/download/csv/")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().count("I can do") == 24
    assert client.get("/frameworks/test-framework/1.0/download/pdf/").status_code == 404


def test_uploading_a_broken_file_lists_problems_and_stores_nothing(
    author: User, signed_in: Callable[[User], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Capability.objects.count()
    response = signed_in(author).post(
        "/frameworks/import/",
        {"file": SimpleUploadedFile("bad.json", b'{"CFDocument": {"title": 3}}')},
    )
    assert response.status_code == 200
    assert "The file cannot be imported" in response.text
    assert "bad.json" in response.text
    assert Capability.objects.count() == before


def test_comparing_versions_shows_what_changed(client: Client, published: FrameworkVersion) -> None:
    draft = store.new_draft(published)
    cap = draft.capabilities.order_by("position").first()
    assert cap is not None
    cap.title = "Renamed capability"
    cap.save()
    store.publish(draft)
    response = client.get("/frameworks/test-framework/compare/", {"from": "1.0", "to": "1.1"})
    assert response.status_code == 200
    assert "1 reworded" in response.text
    assert "Renamed capability" in response.text


def test_only_authors_can_change_crosswalks(
    client: Client, make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    person = FrameworkVersion.objects.get(framework__slug="digital-ready")
    organisation = FrameworkVersion.objects.get(framework__slug="organisational-maturity")
    data = {"source": person.pk, "target": organisation.pk}
    staff = make_person()
    assert signed_in(staff).post("/frameworks/crosswalks/", data).status_code == 403
    author = make_person(role=Role.FRAMEWORK_AUTHOR)
    response = signed_in(author).post("/frameworks/crosswalks/", data)
    assert response.status_code == 302
    crosswalk_url = response["Location"]
    client.logout()
    page = client.get(crosswalk_url)
    assert "0 of 47 capabilities" in page.text
    assert "Add a link" not in page.text
    assert signed_in(staff).post(crosswalk_url, {"remove": "1"}).status_code == 403


def test_results_are_reported_against_another_framework_through_exact_matches() -> None:
    from django.core.management import call_command

    from digiready.frameworks.crosswalks import score_links
    from digiready.frameworks.mapping import map_scores

    call_command("load_frameworks", "--examples", stdout=None)
    example = FrameworkVersion.objects.get(framework__slug__startswith="example-national")
    crosswalk = example.crosswalks_from.get()
    theirs = {str(c.lineage): 0.5 for c in example.capabilities.all()}
    ours = map_scores(theirs, score_links(crosswalk))
    assert len(ours) == 12  # the exact matches only
    assert set(ours.values()) == {0.5}


def test_a_version_number_that_cannot_stand_in_an_address_uses_the_identifier(
    client: Client,
) -> None:
    version = store.save_framework(framework_data("Yearly framework", version="2023/24"))
    assert version.url_key == str(version.identifier)
    index = client.get("/frameworks/")
    assert f"/frameworks/{version.framework.slug}/{version.identifier}/" in index.text
    page = client.get(f"/frameworks/{version.framework.slug}/{version.identifier}/")
    assert page.status_code == 200
    assert "Version 2023/24" in page.text
