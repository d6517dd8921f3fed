"""The dashboard pages and their downloads on a synthetic population: who may open which
place, that every file carries the figures the page shows and hides what the page hides,
that filters go through the guard, and that a new submission or weighting shows at once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pyarrow.parquet as pq
import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from digiready.accounts.models import AuditEvent, Role, User
from digiready.accounts.professions import STAFF_GROUPS
from digiready.accounts.roles import grant_role
from digiready.analytics import cube_store, dashboard_exports, dashboard_views
from digiready.analytics.dashboards import Dashboard, Filters, Place, RefusedError, View, build
from digiready.analytics.disclosure import count_shown
from digiready.analytics.engine import compute_wave_weights
from digiready.analytics.models import DataRevision
from digiready.analytics.synthetic_load import load_synthetic
from digiready.assessments import services
from digiready.assessments.models import Wave
from digiready.assessments.services import PERSON_FRAMEWORK, current_version
from digiready.organisations.models import Kind, Organisation

pytestmark = pytest.mark.django_db

ICB = "QMM"  # Norfolk and Waveney, in the tiny preset
OTHER_ICB = "QJG"  # Suffolk and North East Essex
REGION = "Y61"  # East of England
VISUALLY_HIDDEN = "nhsuk-u-visually-hidden"


# -- The population and the people ---------------------------------------------------------


@dataclass(frozen=True)
class Population:
    wave: Wave
    trusts: dict[str, list[str]]  # ICB -> the trusts reporting through it, by respondents

    def views(self) -> list[View]:
        version = current_version(PERSON_FRAMEWORK)
        assert version is not None
        return cube_store.views_for(self.wave, version, cube_store.waves_with_figures())[0]

    def trust(self, icb: str = ICB) -> str:
        return self.trusts[icb][0]


@pytest.fixture
def population() -> Population:
    load_synthetic("tiny", waves=1, seed=7)
    wave = Wave.objects.get(number=0)
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    view = cube_store.views_for(wave, version, cube_store.waves_with_figures())[0][-1]
    kinds = dict(
        Organisation.objects.filter(ods_code__in=view.cube.organisations).values_list(
            "ods_code", "kind"
        )
    )
    trusts: dict[str, list[str]] = {ICB: [], OTHER_ICB: []}
    for code in view.cube.organisations:
        icb = view.footprint.icb_of.get(code)
        if kinds.get(code) == Kind.PROVIDER and icb in trusts:
            trusts[icb].append(code)
    for icb, codes in trusts.items():
        codes.sort(key=lambda c: -view.respondents(Place("organisation", c, c)))
        assert len(codes) >= 2, f"the tiny preset has several trusts in {icb}"
    assert view.footprint.region_of[ICB] == REGION == view.footprint.region_of[OTHER_ICB]
    return Population(wave, trusts)


@pytest.fixture
def people(make_person: Callable[..., User], population: Population) -> dict[str, User]:
    trust = population.trust()
    return {
        "national": make_person(role=Role.ANALYST),
        "administrator": make_person(role=Role.ADMINISTRATOR),
        "icb_analyst": make_person(at=trust, role=Role.ANALYST, scope=ICB),
        "lead": make_person(at=trust, role=Role.ORGANISATION_LEAD, scope=trust),
        "staff": make_person(at=trust),
    }


def _client(person: User | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _url(level: str, code: str = "", fmt: str = "") -> str:
    args = [level] + ([code] if code else [])
    if fmt:
        return reverse("dashboards:export", kwargs={"level": level, "fmt": fmt} | _code(code))
    return reverse("dashboards:place", args=args)


def _code(code: str) -> dict[str, str]:
    return {"code": code} if code else {}


# -- Reading pages ----------------------------------------------------------------------------


class _TableReader(HTMLParser):
    """The cells of one table as a sighted reader sees them: text in a visually hidden span is
    left out, so a hidden figure reads "*"; the caption is left out too."""

    def __init__(self, table_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.inside = False
        self.found = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.spans: list[bool] = []
        self.caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id") == self.table_id:
            self.inside = self.found = True
            return
        if not self.inside:
            return
        if tag == "caption":
            self.caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "span":
            self.spans.append(VISUALLY_HIDDEN in (attributes.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "table":
            self.inside = False
        elif tag == "caption":
            self.caption = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "span" and self.spans:
            self.spans.pop()

    def handle_data(self, data: str) -> None:
        if self.inside and self.cell is not None and not self.caption and not any(self.spans):
            self.cell.append(data)


def table(html: str, table_id: str) -> list[list[str]]:
    """The rows of the table ``table_id``, the header row first."""
    reader = _TableReader(table_id)
    reader.feed(html)
    reader.close()
    assert reader.found, f"no table #{table_id} on the page"
    return reader.rows


def percent(text: str) -> float | None:
    """A figure as the page shows it ("52.3%"), None where there is none."""
    if text in ("–", "No data"):
        return None
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)%", text)
    assert match, f"not a percentage: {text!r}"
    return float(match.group(1))


def headline_maturity(html: str) -> dict[str, float | None]:
    """Domain title -> the maturity the page's headline table shows."""
    header, *body = table(html, "headline-table")
    column = header.index("Maturity")
    return {row[0]: percent(row[column]) for row in body}


def respondents_shown(html: str) -> str:
    match = re.search(r'<p class="nhsuk-body-l">[^<:]*: ([\d,*]+) respondents', html)
    assert match, "the page states its respondents"
    return match.group(1)


def weights_shown(html: str) -> str:
    match = re.search(r"Base: [\d,*]+ respondents\. Weights: ([\w.-]+)\.", html)
    assert match, "the page states its weight version"
    return match.group(1)


def visually_hidden(html: str, table_id: str) -> bool:
    """Whether the table (or the scrolling box straight around it) is hidden from sight."""
    match = re.search(
        r'(<div class="digiready-table-scroll[^"]*"[^>]*>\s*)?<table class="([^"]*)" '
        rf'id="{re.escape(table_id)}"',
        html,
    )
    assert match, f"no table #{table_id} on the page"
    return VISUALLY_HIDDEN in match.group(2) or VISUALLY_HIDDEN in (match.group(1) or "")


def places_listed(html: str) -> set[str]:
    """The dashboards the index links to, as "level/CODE" (England as "england")."""
    found = re.findall(r'href="/dashboards/([a-z]+)/(?:([A-Za-z0-9]+)/)?"', html)
    return {f"{level}/{code}" if code else level for level, code in found}


# -- Reading files ---------------------------------------------------------------------------


def _normal(column: str, value: Any) -> Any:
    """One cell in a form every format agrees on: None for empty, floats for numbers, bools
    for flags, text for text."""
    if value is None or value == "":
        return None
    if column in dashboard_exports.FLAGS:
        if isinstance(value, str):
            assert value in ("yes", "no"), (column, value)
            return value == "yes"
        return bool(value)
    if column in dashboard_exports.NUMBERS:
        return float(value)
    text = str(value)
    # CSV and Excel protect text from spreadsheets running it; Parquet keeps it as it is.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _normalise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c: _normal(c, row.get(c)) for c in dashboard_exports.COLUMNS} for row in rows]


def read_csv(content: bytes) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(content.decode("utf-8")))
    header = next(reader)
    assert tuple(header) == dashboard_exports.COLUMNS
    return _normalise([dict(zip(header, row, strict=True)) for row in reader])


def read_xlsx(content: bytes) -> list[dict[str, Any]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["Figures", "Notes"]
    rows = list(book["Figures"].iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    assert tuple(header) == dashboard_exports.COLUMNS
    width = len(header)
    body = [list(r) + [None] * (width - len(r)) for r in rows[1:]]
    return _normalise([dict(zip(header, r, strict=True)) for r in body])


def read_parquet(content: bytes) -> tuple[list[dict[str, Any]], dict[str, str]]:
    data = pq.read_table(io.BytesIO(content))
    assert tuple(data.column_names) == dashboard_exports.COLUMNS
    metadata = {k.decode(): v.decode() for k, v in (data.schema.metadata or {}).items()}
    return _normalise(data.to_pylist()), metadata


def board_for(population: Population, place: Place) -> Dashboard:
    """The dashboard the page shows for ``place``, with no options."""
    return build(population.views(), place)


# -- 1. Who may see what ---------------------------------------------------------------------


def test_each_person_opens_exactly_the_places_their_role_covers(
    population: Population, people: dict[str, User]
) -> None:
    trust, other_trust = population.trusts[ICB][:2]
    far_trust = population.trust(OTHER_ICB)
    places = {
        "england": _url("england"),
        "region": _url("region", REGION),
        "icb": _url("icb", ICB),
        "other_icb": _url("icb", OTHER_ICB),
        "trust": _url("organisation", trust),
        "other_trust": _url("organisation", other_trust),
        "far_trust": _url("organisation", far_trust),
    }
    everything = dict.fromkeys(places, 200)
    expected: dict[str, dict[str, int]] = {
        "national": everything,
        "administrator": everything,
        "icb_analyst": {
            "england": 403,
            "region": 403,
            "icb": 200,
            "other_icb": 403,
            "trust": 200,
            "other_trust": 200,
            "far_trust": 403,
        },
        "lead": dict.fromkeys(places, 403) | {"trust": 200},
        "staff": dict.fromkeys(places, 403),
    }
    for who, statuses in expected.items():
        client = _client(people[who])
        seen = {name: client.get(url).status_code for name, url in places.items()}
        assert seen == statuses, who
        # A download follows the page's permission.
        export = client.get(_url("organisation", far_trust, "csv"))
        assert export.status_code == statuses["far_trust"], who

    # What a refused person was not shown was not written down as given either.
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, actor=people["icb_analyst"]
    ).exists()


def test_the_index_lists_exactly_the_places_each_person_may_open(
    population: Population, people: dict[str, User]
) -> None:
    trust = population.trust()
    expected = {
        "national": {"england"},
        "administrator": {"england"},
        "icb_analyst": {f"icb/{ICB}"},
        "lead": {f"organisation/{trust}"},
    }
    for who, listed in expected.items():
        response = _client(people[who]).get(reverse("dashboards:index"))
        assert response.status_code == 200, who
        assert places_listed(response.content.decode()) == listed, who
    assert _client(people["staff"]).get(reverse("dashboards:index")).status_code == 403

    # A region analyst, and a lead of both an ICB and a trust, see each place they cover.
    both = people["lead"]
    grant_role(both, Role.ORGANISATION_LEAD, Organisation.objects.get(ods_code=OTHER_ICB))
    grant_role(both, Role.ANALYST, Organisation.objects.get(ods_code=REGION))
    response = _client(both).get(reverse("dashboards:index"))
    assert places_listed(response.content.decode()) == {
        f"region/{REGION}",
        f"icb/{OTHER_ICB}",
        f"organisation/{trust}",
    }
    html = response.content.decode()
    assert html.index(f"/region/{REGION}/") < html.index(f"/icb/{OTHER_ICB}/")
    assert html.index(f"/icb/{OTHER_ICB}/") < html.index(f"/organisation/{trust}/")
    for url in places_listed(html):
        assert _client(both).get(f"/dashboards/{url}/").status_code == 200, url
    # Leading an ICB covers the trusts in it, not the region above it.
    assert _client(both).get(_url("organisation", population.trust(OTHER_ICB))).status_code == 200
    people["lead"].roles.filter(role=Role.ANALYST).delete()
    assert _client(both).get(_url("region", REGION)).status_code == 403


def test_a_visitor_who_has_not_signed_in_is_sent_to_sign_in(population: Population) -> None:
    sign_in = reverse("accounts:sign-in")
    for url in (
        reverse("dashboards:index"),
        _url("england"),
        _url("icb", ICB),
        _url("organisation", population.trust()),
        _url("icb", ICB, "csv"),
        _url("organisation", "ZZZ99"),
    ):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(sign_in), url
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


NOT_THERE = (
    "/dashboards/organisation/ZZZ99/",
    "/dashboards/organisation/R0A%00/",
    "/dashboards/organisation/R0A%00/export.csv",
    "/dashboards/organisation/R0A;--/",
    "/dashboards/organisation/R%200A/",
    "/dashboards/organisation/R0A'/",
    "/dashboards/organisation/%C3%A9%C3%A9/",
    "/dashboards/organisation/" + "A" * 13 + "/",
    f"/dashboards/organisation/{ICB}/",
    f"/dashboards/organisation/{REGION}/",
    f"/dashboards/icb/{REGION}/",
    "/dashboards/icb/RCX/",
    f"/dashboards/region/{ICB}/",
    "/dashboards/region/ZZZ99/export.xlsx",
    "/dashboards/icb/",
    "/dashboards/icb/export.csv",
    "/dashboards/planet/X/",
    "/dashboards/planet/",
    "/dashboards/planet/X/export.csv",
    f"/dashboards/icb/{ICB}/export.exe",
    "/dashboards/england/export.html",
)


def test_a_place_that_is_not_there_is_not_found(
    population: Population, people: dict[str, User]
) -> None:
    client = _client(people["national"])
    client.raise_request_exception = False  # a crash is a 500 to see, not an exception
    statuses = {url: client.get(url).status_code for url in NOT_THERE}
    assert statuses == dict.fromkeys(NOT_THERE, 404)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_place_that_is_not_there_is_not_found_for_anyone_either(
    population: Population, people: dict[str, User]
) -> None:
    # The code is checked before the permission, so nobody gets a 500 either way.
    client = _client(people["staff"])
    assert client.get("/dashboards/organisation/ZZZ99/").status_code == 404
    assert client.get("/dashboards/planet/X/").status_code == 404
    assert client.get(_url("organisation", population.trust(OTHER_ICB))).status_code == 403


def test_an_ods_code_is_read_in_either_case(
    population: Population, people: dict[str, User]
) -> None:
    trust = population.trust()
    response = _client(people["lead"]).get(f"/dashboards/organisation/{trust.lower()}/")
    assert response.status_code == 200
    assert f"· {trust}" in response.content.decode()


# -- 2. Downloads ----------------------------------------------------------------------------


def test_every_download_carries_the_rows_and_figures_the_page_shows(
    population: Population, people: dict[str, User]
) -> None:
    person = people["icb_analyst"]
    client = _client(person)
    name = Organisation.objects.get(ods_code=ICB).name
    board = board_for(population, Place("icb", ICB, name))
    expected = _normalise(dashboard_exports.rows(board))
    assert expected and {row["section"] for row in expected} >= {
        "headline",
        "heat",
        "participation",
        "benchmark",
        "trend",
    }

    page = client.get(_url("icb", ICB))
    assert page.status_code == 200
    html = page.content.decode()
    # The page links to each download with the options it shows.
    for fmt in ("csv", "xlsx", "parquet", "pdf"):
        assert f'href="{_url("icb", ICB)}export.{fmt}?wave=0&amp;framework=' in html

    files: dict[str, list[dict[str, Any]]] = {}
    for fmt, mime in dashboard_views.FORMATS.items():
        if fmt == "pdf":
            continue
        response = client.get(_url("icb", ICB, fmt))
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == mime
        today = dt.date.today().isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="digital-ready-{ICB.lower()}-{today}.{fmt}"'
        )
        if fmt == "csv":
            files[fmt] = read_csv(response.content)
        elif fmt == "xlsx":
            files[fmt] = read_xlsx(response.content)
        else:
            files[fmt], metadata = read_parquet(response.content)
            assert metadata == {
                "place": f"icb:{ICB}",
                "wave": board.wave,
                "weight_version": board.weight_version,
            }
    for fmt, found in files.items():
        assert len(found) == len(expected), fmt
        for i, (got, want) in enumerate(zip(found, expected, strict=True)):
            assert got == want, (fmt, i)

    # The headline maturity is the page's, domain by domain.
    shown = headline_maturity(html)
    titles = dict(board.domains)
    for fmt, found in files.items():
        headline = {
            titles[row["domain"]]: row["maturity"] for row in found if row["section"] == "headline"
        }
        assert headline == shown, fmt
    assert any(value is not None for value in shown.values())

    # Each download is in the audit log, with its format, place and weights.
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, target="dashboard")
    assert events.count() == 3
    for fmt in files:
        event = events.get(detail__format=fmt)
        assert event.actor == person
        assert event.detail["place"] == f"icb:{ICB}"
        assert event.detail["wave"] == board.wave
        assert event.detail["weight_version"] == board.weight_version
        assert event.detail["rows"] == len(expected)
        assert event.detail["filter"] == "All staff"


def test_the_pdf_briefing_is_a_pdf_of_the_same_figures(
    population: Population, people: dict[str, User]
) -> None:
    person = people["icb_analyst"]
    response = _client(person).get(_url("icb", ICB, "pdf"), {"heat": "staff_group"})
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 10_000
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT, target="dashboard")
    assert event.detail["format"] == "pdf" and event.actor == person

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    text = " ".join(text.split())
    name = Organisation.objects.get(ods_code=ICB).name
    assert f"{name}: digital capability" in text
    board = board_for(population, Place("icb", ICB, name))
    assert f"{board.respondents} respondents" in text
    assert f"weights {board.weight_version}" in text
    # The headline as the page shows it: each domain, then its maturity.
    cell = board.headline.cells[0]
    for code, title in board.domains:
        maturity = cell.statistics[f"{code}:maturity"].estimate
        assert f"{title} {maturity.text}" in text, title


# -- 3. Nothing hidden on the page is in a file ----------------------------------------------


def test_no_download_contains_a_figure_the_page_hides(
    population: Population, people: dict[str, User]
) -> None:
    trust = population.trust()
    client = _client(people["lead"])
    query = {"heat": "profession"}
    html = client.get(_url("organisation", trust), query).content.decode()
    csv_rows = read_csv(client.get(_url("organisation", trust, "csv"), query).content)
    parquet_rows, _ = read_parquet(
        client.get(_url("organisation", trust, "parquet"), query).content
    )
    xlsx_rows = read_xlsx(client.get(_url("organisation", trust, "xlsx"), query).content)
    assert csv_rows == parquet_rows == xlsx_rows

    figures = (
        *("maturity", "maturity_ci_low", "maturity_ci_high"),
        *("attainment", "attainment_ci_low", "attainment_ci_high", "change"),
    )
    suppressed = [row for row in csv_rows if row["suppressed"]]
    assert suppressed, "an organisation by profession has small groups"
    for row in suppressed:
        assert all(row[c] is None for c in figures), row
        assert row["reason"], row
    for row in csv_rows:
        if row["respondents"] == "*":
            assert row["maturity"] is None and row["attainment"] is None, row
            # Either hidden with its reason, or a domain nobody in the group was asked (shown
            # as "–" on the page): never a figure.
            assert all(row[c] is None for c in figures), row
        if row["maturity"] is not None:
            assert not row["suppressed"]

    # Cell by cell, the heat map on the page against the file's heat rows.
    header, *body = table(html, "heat-table")
    assert header[:2] == ["Profession", "Respondents"]
    domains = header[2:]
    heat = {
        (row["group_label"], row["domain"]): row for row in csv_rows if row["section"] == "heat"
    }
    assert len(heat) == len(body) * len(domains)
    stars = 0
    for label, respondents, *cells in body:
        for domain, shown in zip(domains, cells, strict=True):
            row = heat[(label, domain)]
            assert row["respondents"] == respondents
            if shown == "*":
                stars += 1
                assert row["suppressed"] is True
                assert row["reason"]
                assert row["maturity"] is None and row["attainment"] is None
            else:
                assert row["maturity"] == percent(shown)
                assert not row["suppressed"]
    assert stars, "the page hides some professions' figures"


# -- 4. Filters and the guard ----------------------------------------------------------------


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def test_a_staff_group_narrows_the_figures(population: Population, people: dict[str, User]) -> None:
    client = _client(people["icb_analyst"])
    everyone = client.get(_url("icb", ICB)).content.decode()
    response = client.get(_url("icb", ICB), {"staff_group": "nurses"})
    assert response.status_code == 200
    nurses = response.content.decode()
    assert 0 < _count(respondents_shown(nurses)) < _count(respondents_shown(everyone))
    assert "nurses and health visitors" in nurses.lower()
    # Within a staff group the heat map is by profession.
    assert '<h2 class="nhsuk-heading-l" id="heat">By profession</h2>' in nurses
    assert headline_maturity(nurses) != headline_maturity(everyone)
    # The downloads carry the filter.
    rows = read_csv(client.get(_url("icb", ICB, "csv"), {"staff_group": "nurses"}).content)
    assert {row["filter"] for row in rows} == {"Nurses and health visitors"}
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.detail["filter"] == "Nurses and health visitors"


def test_an_unknown_option_is_an_error_on_the_page(
    population: Population, people: dict[str, User]
) -> None:
    client = _client(people["icb_analyst"])
    everyone = respondents_shown(client.get(_url("icb", ICB)).content.decode())
    for query, message in (
        ({"profession": "wizard"}, "Select a valid choice"),
        ({"staff_group": "wizards"}, "Select a valid choice"),
        ({"staff_group": "nurses", "profession": "paramedic"}, "not in that staff group"),
        ({"heat": "planet"}, "Select a valid choice"),
        ({"wave": "99"}, "Select a valid choice"),
        ({"wave": "first"}, "Select a valid choice"),
        ({"framework": "999999"}, "Select a valid choice"),
    ):
        response = client.get(_url("icb", ICB), query)
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "nhsuk-error-message" in html, query
        assert message in html, query
        # The options are open to put right, and the unfiltered figures are shown meanwhile.
        assert '<details class="nhsuk-details" open>' in html, query
        assert respondents_shown(html) == everyone, query


def test_no_filter_in_the_tiny_population_leaves_out_one_to_nine_people(
    population: Population,
) -> None:
    """Why the refused page below is made to refuse: no place and staff group of the tiny
    population is refused by the differencing guard (if one ever is, test it for real)."""
    view = population.views()[-1]
    for code in view.cube.organisations:
        place = Place("organisation", code, code)
        for group in STAFF_GROUPS:
            view.guard(place, Filters(staff_group=group.code))


def test_a_refused_view_says_it_cannot_be_shown(
    population: Population, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = "Differs from a wider group by fewer than 10 people, so the two together could"

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RefusedError(sentence)

    monkeypatch.setattr(dashboard_views, "build", refuse)
    client = _client(people["icb_analyst"])
    response = client.get(_url("icb", ICB), {"staff_group": "nurses"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "These figures cannot be shown." in html
    assert sentence in html
    assert 'id="headline-table"' not in html and "export.csv" not in html
    download = client.get(_url("icb", ICB, "csv"), {"staff_group": "nurses"})
    assert download.status_code == 409
    assert sentence in download.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


# -- 5. New data shows at once ---------------------------------------------------------------


def _submit(person: User) -> None:
    assessment = services.start_self_assessment(person, archetype="user")
    questionnaire = services.questionnaire_of(assessment)
    services.save_answers(assessment, {item.link_id: "4" for item in questionnaire.items})
    services.submit(assessment)


def _revision(wave: Wave) -> int:
    return DataRevision.objects.get(key=cube_store.wave_key(wave.pk)).number


def test_a_submission_and_a_weighting_show_on_the_next_page(
    population: Population, people: dict[str, User], make_person: Callable[..., User]
) -> None:
    trust = population.trust()
    client = _client(people["lead"])
    url = _url("organisation", trust)
    before = client.get(url).content.decode()
    assert weights_shown(before) == "unweighted"
    shown = respondents_shown(before)
    place = Place("organisation", trust, trust)
    n = population.views()[-1].respondents(place)
    assert count_shown(n, "subnational").text == shown
    # Enough new respondents to move the count as shown (rounded to 5).
    more = next(k for k in range(1, 6) if count_shown(n + k, "subnational").text != shown)

    # Self-assessments submitted today fall in the wave.
    wave = population.wave
    Wave.objects.filter(pk=wave.pk).update(closes=dt.date.today())
    revision = _revision(wave)
    for _ in range(more):
        _submit(make_person(at=trust, profession="nurse", staff_group="nurses"))
    assert _revision(wave) > revision
    after = client.get(url).content.decode()
    assert population.views()[-1].respondents(place) == n + more
    assert respondents_shown(after) == count_shown(n + more, "subnational").text != shown
    assert weights_shown(after) == "unweighted"

    revision = _revision(wave)
    run = compute_wave_weights(Wave.objects.get(pk=wave.pk))
    assert _revision(wave) > revision
    weighted = client.get(url).content.decode()
    assert weights_shown(weighted) == run.version
    assert run.version.startswith("w-")
    assert headline_maturity(weighted) != headline_maturity(after)
    # The downloads follow too.
    rows = read_csv(client.get(_url("organisation", trust, "csv")).content)
    assert {row["weight_version"] for row in rows} == {run.version}


# -- 6. Tables for everyone ------------------------------------------------------------------


def test_every_chart_has_its_table_for_screen_readers_and_on_request(
    population: Population, people: dict[str, User]
) -> None:
    client = _client(people["icb_analyst"])
    ids = ("headline-table", "heat-table", "participation-table", "benchmark-table")
    charts = client.get(_url("icb", ICB)).content.decode()
    for table_id in ids:
        assert visually_hidden(charts, table_id), table_id
    assert 'view=tables">Show every chart as a table</a>' in charts

    tables = client.get(_url("icb", ICB), {"view": "tables", "heat": "profession"})
    html = tables.content.decode()
    for table_id in ids:
        assert not visually_hidden(html, table_id), table_id
    assert "Show charts without tables" in html
    # Switching back keeps the other options and drops only the view.
    toggle = re.search(r'<a href="([^"]*)">Show charts without tables</a>', html)
    assert toggle and toggle.group(1).replace("&amp;", "&").endswith("?heat=profession")
    # The form keeps the choice when the options change.
    assert '<input type="hidden" name="view" value="tables">' in html
    # The same figures either way.
    assert headline_maturity(html) == headline_maturity(charts)


# -- Waves ---------------------------------------------------------------------------------


def test_the_baseline_wave_can_be_chosen(make_person: Callable[..., User]) -> None:
    load_synthetic("tiny", waves=3, seed=3)
    baseline = Wave.objects.get(number=0)
    client = _client(make_person(role=Role.ANALYST))
    html = client.get(_url("england"), {"wave": "0"}).content.decode()
    assert re.search(rf'<p class="nhsuk-body-l">{re.escape(baseline.label)}: ', html)


def test_a_merged_icb_is_explained_in_the_wave_after_its_merger(
    make_person: Callable[..., User],
) -> None:
    load_synthetic("tiny", waves=3, seed=3)
    client = _client(make_person(role=Role.ANALYST))
    page = client.get(_url("icb", "QMM")).content.decode()
    assert "No one from" in page and "cannot be shown" in page
    earlier = client.get(_url("icb", "QMM"), {"wave": "0"}).content.decode()
    assert "respondents of" in earlier
    merged = client.get(_url("icb", "QNS")).content.decode()
    assert 'id="trend"' in merged and "Baseline" in merged


def test_england_has_one_address(make_person: Callable[..., User]) -> None:
    load_synthetic("tiny", waves=1, seed=7)
    client = _client(make_person(role=Role.ANALYST))
    assert client.get("/dashboards/england/").status_code == 200
    assert client.get("/dashboards/england/ANY/").status_code == 404
