import doctest

import pytest
from django.test import Client, RequestFactory

from digiready.core import exports, presenters
from digiready.core.views import server_error

pytestmark = pytest.mark.django_db


def test_the_start_page_says_what_the_service_is_for(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert (
        "<title>Measure and grow your digital capability – Digital Ready – NHS</title>"
        in response.text
    )
    assert "self-assessment" in response.text
    assert 'href="#maincontent"' in response.text  # skip link
    assert "nhsuk-phase-banner" in response.text


def test_a_missing_page_is_a_404_in_the_service_layout(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<title>Page not found – Digital Ready – NHS</title>" in response.text


def test_the_500_page_renders_in_the_layout(rf: RequestFactory) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_500_page_still_answers_when_the_layout_cannot_render(rf: RequestFactory) -> None:
    response = server_error(rf.get("/"))  # no user, no session: the layout fails
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_service_information_pages_exist(client: Client) -> None:
    assert "WCAG" in client.get("/accessibility/").text
    assert "Who can see it" in client.get("/privacy/").text
    assert client.get("/healthz").content == b"ok"


def test_presenters_format_as_their_examples_say() -> None:
    assert doctest.testmod(presenters).failed == 0


def test_export_cells_are_never_spreadsheet_formulas() -> None:
    assert doctest.testmod(exports).failed == 0


def test_static_assets_of_the_design_system_are_served(client: Client) -> None:
    from django.templatetags.static import static

    response = client.get(static("nhsuk/nhsuk-frontend.min.css"))
    assert response.status_code == 200
