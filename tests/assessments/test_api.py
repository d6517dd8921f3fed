"""The assessments API: a program with a person's token starts, answers and submits their
self-assessment and reads its report; nobody else's token reaches it; bad requests get 4xx
problems, never a 500."""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.accounts.models import ApiToken, Role, User
from digiready.accounts.tokens import issue_token, revoke
from digiready.assessments.models import Answer, Assessment, Source
from digiready.organisations.models import Organisation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assessments"


class Api:
    """A client that sends a bearer token with every request."""

    def __init__(self, client: Client, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str) -> Any:
        return self.client.get(BASE + path, headers=self.headers)

    def post(self, path: str, body: object = None) -> Any:
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            BASE + path, data, content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: object) -> Any:
        return self.client.patch(
            BASE + path, json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def as_person(client: Client) -> Callable[[User], Api]:
    def api(person: User) -> Api:
        return Api(client, issue_token(person, "Tests")[1])

    return api


@pytest.fixture
def physio(make_person: Callable[..., User]) -> User:
    return make_person(at="R0A", profession="physiotherapist")


def started(api: Api) -> dict[str, Any]:
    response = api.post("/", {"archetype": "user"})
    assert response.status_code in (200, 201), response.content
    return response.json()  # type: ignore[no-any-return]


def all_answers(api: Api, public_id: str, answer: str = "3") -> dict[str, str]:
    questionnaire = api.get(f"/{public_id}/questionnaire").json()
    return {item["link_id"]: answer for s in questionnaire["sections"] for item in s["items"]}


def code_of(api: Api, public_id: str, link_id: str) -> str:
    questionnaire = api.get(f"/{public_id}/questionnaire").json()
    items = [item for section in questionnaire["sections"] for item in section["items"]]
    return next(item["code"] or item["title"] for item in items if item["link_id"] == link_id)


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


def test_a_person_answers_and_submits_their_self_assessment_over_the_api(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    start = api.post("/", {"archetype": "user"})
    assert start.status_code == 201
    public_id = start.json()["id"]
    assert start.json()["status"] == "in_progress"
    assert start.json()["progress"]["answered"] == 0
    again = api.post("/", {"archetype": "user"})
    assert (again.status_code, again.json()["id"]) == (200, public_id)

    questionnaire = api.get(f"/{public_id}/questionnaire").json()
    items = [item for section in questionnaire["sections"] for item in section["items"]]
    assert questionnaire["subject"] == "person"
    assert items[0]["choices"][0] == {"value": "1", "label": "Not yet", "statement": ""}
    assert len(items[0]["choices"]) == questionnaire["scale_size"]
    assert items[0]["missing"] == [{"value": "na", "label": "Not applicable to my role"}]

    half = len(items) // 2
    first = {item["link_id"]: "2" for item in items[:half]}
    rest = {item["link_id"]: "4" for item in items[half:]}
    rest[items[-1]["link_id"]] = "na"
    saved = api.patch(f"/{public_id}/answers", {"answers": first})
    assert saved.status_code == 200
    assert saved.json()["progress"] == {"answered": half, "total": len(items)}
    assert api.patch(f"/{public_id}/answers", {"answers": rest}).status_code == 200

    detail = api.get(f"/{public_id}").json()
    assert detail["answers"] == {**first, **rest}
    assert all(section["status"] == "Completed" for section in detail["sections"])
    assert detail["archetype"] == "user"
    assert detail["profession"] == "physiotherapist"

    submitted = api.post(f"/{public_id}/submit")
    assert submitted.status_code == 200
    report = submitted.json()
    assert len(report["domains"]) == len(questionnaire["sections"])
    assert all(0 <= domain["percent"] <= 100 for domain in report["domains"])
    assert {"strengths", "gaps", "plan", "previous", "overall_percent"} <= report.keys()
    assert api.get(f"/{public_id}/report").json() == report

    listed = api.get("/").json()
    assert [(row["id"], row["status"]) for row in listed] == [(public_id, "submitted")]
    assert Assessment.objects.get(public_id=public_id).source == Source.API


def test_a_retake_reports_the_change_since_the_last_submission(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    for answer in ("2", "4"):
        public_id = started(api)["id"]
        api.patch(f"/{public_id}/answers", {"answers": all_answers(api, public_id, answer)})
        report = api.post(f"/{public_id}/submit").json()
    assert report["previous"] is not None
    assert all(domain["change"] > 0 for domain in report["domains"])
    assert len(api.get("/").json()) == 2


def test_the_report_of_a_person_below_expectation_has_gaps_and_a_plan(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    api.patch(f"/{public_id}/answers", {"answers": all_answers(api, public_id, "1")})
    report = api.post(f"/{public_id}/submit").json()
    assert report["gaps"]
    assert report["strengths"] == []
    assert all(domain["attained_name"] == "Not yet" for domain in report["domains"])
    assert len(report["plan"]) == len(report["gaps"])
    json.dumps(report["plan"])


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer dr_not-a-real-token"},
        {"Authorization": "Token dr_not-a-real-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ],
)
def test_a_request_without_a_working_token_is_a_401_problem(
    client: Client, physio: User, headers: dict[str, str]
) -> None:
    issue_token(physio, "Tests")
    for path in ("/", f"/{uuid.uuid4()}"):
        response = client.get(BASE + path, headers=headers)
        body = assert_problem(response, 401)
        assert "Bearer" in body["detail"]


def test_being_signed_in_in_a_browser_is_not_enough(
    physio: User, signed_in: Callable[[User], Client]
) -> None:
    assert_problem(signed_in(physio).get(f"{BASE}/"), 401)


def test_a_revoked_or_expired_token_or_a_closed_account_is_refused(
    client: Client, physio: User
) -> None:
    revoked, revoked_secret = issue_token(physio, "Revoked")
    expired, expired_secret = issue_token(physio, "Expired", days=1)
    _, live_secret = issue_token(physio, "Live")
    assert Api(client, live_secret).get("/").status_code == 200
    revoke(revoked, by=physio)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    for secret in (revoked_secret, expired_secret):
        assert_problem(Api(client, secret).get("/"), 401)
    physio.is_active = False
    physio.save(update_fields=["is_active"])
    assert_problem(Api(client, live_secret).get("/"), 401)


@pytest.mark.parametrize(
    ("role", "scope"),
    [(None, None), (Role.ORGANISATION_LEAD, "R0A"), (Role.ADMINISTRATOR, None)],
)
def test_nobody_else_can_reach_a_persons_assessment(
    physio: User,
    make_person: Callable[..., User],
    as_person: Callable[[User], Api],
    role: str | None,
    scope: str | None,
) -> None:
    owner = as_person(physio)
    public_id = started(owner)["id"]
    answers = all_answers(owner, public_id)
    other = as_person(make_person(at="R0A", role=role, scope=scope, profession="nurse"))
    for path in ("", "/questionnaire", "/report"):
        body = assert_problem(other.get(f"/{public_id}{path}"), 404)
        assert body["detail"] == "No such assessment"
    assert_problem(other.patch(f"/{public_id}/answers", {"answers": answers}), 404)
    assert_problem(other.post(f"/{public_id}/submit"), 404)
    assert public_id not in {row["id"] for row in other.get("/").json()}
    assert not Answer.objects.filter(assessment__public_id=public_id).exists()


def test_an_unknown_or_malformed_id_is_a_404_problem(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    for public_id in (str(uuid.uuid4()), "not-an-id", "1", "%20"):
        assert_problem(api.get(f"/{public_id}"), 404)


def test_wrong_answers_are_all_listed_and_none_is_saved(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    link_ids = list(all_answers(api, public_id))
    answers = {
        link_ids[0]: "3",
        link_ids[1]: "9",
        link_ids[2]: "dk",
        link_ids[3]: "maybe",
        "no-such-item": "2",
    }
    body = assert_problem(api.patch(f"/{public_id}/answers", {"answers": answers}), 422)
    fields = {error["field"] for error in body["errors"]}
    assert fields == {f"answers.{link_ids[n]}" for n in (1, 2, 3)} | {"answers.no-such-item"}
    assert "'9' is not an answer" in body["detail"]
    assert api.get(f"/{public_id}").json()["answers"] == {}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "answers"),
        ({"answers": {}}, "answers"),
        ({"answers": []}, "answers"),
        ({"answers": {"x": None}}, "answers.x"),
        ({"answers": {"x": True}}, "answers.x"),
        ({"answers": {"x": 2.5}}, "answers.x"),
        ({"answers": {"x": ["3"]}}, "answers.x"),
        ([], "answers"),
        ("answers", "answers"),
    ],
)
def test_an_answers_body_of_the_wrong_shape_is_a_422_problem_naming_the_field(
    physio: User, as_person: Callable[[User], Api], body: object, field: str
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    problem = assert_problem(api.patch(f"/{public_id}/answers", body), 422)
    assert [error["field"] for error in problem["errors"]] == [field]


def test_a_number_is_taken_as_an_answer_as_well_as_a_string(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    link_id = next(iter(all_answers(api, public_id)))
    assert api.patch(f"/{public_id}/answers", {"answers": {link_id: 2}}).status_code == 200
    assert api.get(f"/{public_id}").json()["answers"] == {link_id: "2"}


def test_submitting_an_unfinished_assessment_lists_what_is_unanswered(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    answers = all_answers(api, public_id)
    last = list(answers)[-1]
    del answers[last]
    api.patch(f"/{public_id}/answers", {"answers": answers})
    body = assert_problem(api.post(f"/{public_id}/submit"), 409)
    assert body["unanswered"] == [code_of(api, public_id, last)]
    assert set(body) == {"type", "title", "status", "detail", "instance", "unanswered"}
    assert "1 not answered yet" in body["detail"]
    assert_problem(api.get(f"/{public_id}/report"), 409)


def test_a_submitted_assessment_cannot_change_or_be_submitted_again(
    physio: User, as_person: Callable[[User], Api]
) -> None:
    api = as_person(physio)
    public_id = started(api)["id"]
    answers = all_answers(api, public_id)
    api.patch(f"/{public_id}/answers", {"answers": answers})
    assert api.post(f"/{public_id}/submit").status_code == 200
    changed = {link_id: "1" for link_id in answers}
    assert_problem(api.patch(f"/{public_id}/answers", {"answers": changed}), 409)
    again = assert_problem(api.post(f"/{public_id}/submit"), 409)
    assert again["unanswered"] == []
    assert api.get(f"/{public_id}").json()["answers"] == answers


def test_a_person_with_no_profession_cannot_start_and_is_told_why(
    make_person: Callable[..., User], as_person: Callable[[User], Api]
) -> None:
    api = as_person(make_person(profession="", staff_group=""))
    body = assert_problem(api.post("/", {"archetype": "user"}), 409)
    assert "profession" in body["detail"]


@pytest.mark.parametrize("body", [None, {}, {"archetype": "wizard"}, {"archetype": 1}])
def test_starting_needs_a_known_archetype(
    physio: User, as_person: Callable[[User], Api], body: object
) -> None:
    assert_problem(as_person(physio).post("/", body), 422)


def test_an_organisation_lead_answers_their_organisations_maturity_assessment(
    make_person: Callable[..., User], as_person: Callable[[User], Api]
) -> None:
    api = as_person(make_person(role=Role.ORGANISATION_LEAD, scope="R0A"))
    start = api.post("/organisations/r0a")
    assert start.status_code == 201
    public_id = start.json()["id"]
    assert (start.json()["subject"], start.json()["organisation"]) == ("organisation", "R0A")
    assert api.post("/organisations/R0A").json()["id"] == public_id
    assert api.post("/organisations/R0A").status_code == 200
    questionnaire = api.get(f"/{public_id}/questionnaire").json()
    item = questionnaire["sections"][0]["items"][0]
    assert [m["value"] for m in item["missing"]] == ["dk"]
    answers = all_answers(api, public_id, "dk")
    assert api.patch(f"/{public_id}/answers", {"answers": answers}).status_code == 200
    report = api.post(f"/{public_id}/submit").json()
    assert report["plan"] == []
    assert public_id in {row["id"] for row in api.get("/").json()}


@pytest.mark.parametrize(
    ("role", "scope", "code"),
    [
        (None, None, "R0A"),
        (Role.ORGANISATION_LEAD, "R0A", "RAJ"),
        (Role.ORGANISATION_LEAD, "R0A", "ZZZ"),
        (Role.ANALYST, None, "R0A"),
    ],
)
def test_only_an_organisations_leads_may_start_its_assessment(
    make_person: Callable[..., User],
    as_person: Callable[[User], Api],
    role: str | None,
    scope: str | None,
    code: str,
) -> None:
    api = as_person(make_person(role=role, scope=scope))
    assert_problem(api.post(f"/organisations/{code}"), 404)
    assert not Assessment.objects.filter(subject="organisation").exists()


def test_a_lead_of_the_icb_above_may_start_a_providers_assessment_as_on_the_pages(
    make_person: Callable[..., User], as_person: Callable[[User], Api]
) -> None:
    icb = Organisation.objects.get(ods_code="R0A").ancestors_on(dt.date.today())[0]
    api = as_person(make_person(role=Role.ORGANISATION_LEAD, scope=icb.ods_code))
    assert api.post("/organisations/R0A").status_code == 201


def test_the_openapi_description_lists_every_endpoint_behind_the_bearer_scheme(
    client: Client,
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = {
        f"{BASE}/": {"get", "post"},
        f"{BASE}/organisations/{{ods_code}}": {"post"},
        f"{BASE}/{{public_id}}": {"get"},
        f"{BASE}/{{public_id}}/questionnaire": {"get"},
        f"{BASE}/{{public_id}}/answers": {"patch"},
        f"{BASE}/{{public_id}}/submit": {"post"},
        f"{BASE}/{{public_id}}/report": {"get"},
    }
    schemes = spec["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerToken"].items()
    for path, methods in paths.items():
        assert set(spec["paths"][path]) == methods
        for operation in spec["paths"][path].values():
            assert operation["security"] == [{"BearerToken": []}]
            assert operation["summary"]
            assert "401" in operation["responses"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["answers", "archetype", "x", "1"]) | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=10,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=json_values,
    raw=st.binary(max_size=60),
    # "organisations" names another route; "." and ".." are not ids a client could send.
    public_id=st.text(min_size=1, max_size=40).filter(
        lambda s: "/" not in s and s not in ("organisations", ".", "..")
    ),
)
def test_no_body_or_id_makes_the_api_fail_with_a_500(
    client: Client, physio: User, body: object, raw: bytes, public_id: str
) -> None:
    api = Api(client, issue_token(physio, "Fuzz")[1])
    own = started(api)["id"]
    public_id = quote(public_id, safe="")
    responses = [
        api.post("/", body),
        api.patch(f"/{own}/answers", body),
        api.patch(f"/{own}/answers", {"answers": body}),
        client.patch(
            f"{BASE}/{own}/answers", raw, content_type="application/json", headers=api.headers
        ),
        api.post(f"/{own}/submit", body),
        api.post(f"/organisations/{public_id}", body),
        api.get(f"/{public_id}"),
        api.get(f"/{public_id}/questionnaire"),
        api.patch(f"/{public_id}/answers", body),
        api.post(f"/{public_id}/submit"),
        api.get(f"/{public_id}/report"),
    ]
    for response in responses:
        assert response.status_code < 500, response.content
        json.loads(response.content)
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"
