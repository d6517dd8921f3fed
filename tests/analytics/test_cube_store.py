"""Cubes and charts made ahead of the first visit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from digiready.accounts.models import Role, User
from digiready.analytics import cube_store, dashboard_charts
from digiready.analytics.models import DataRevision
from digiready.analytics.synthetic_load import load_synthetic
from digiready.assessments.services import PERSON_FRAMEWORK, current_version

pytestmark = pytest.mark.django_db


def test_charts_drawn_ahead_serve_the_first_visit(
    make_person: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_synthetic("tiny", waves=1, seed=7)
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    places, charts = cube_store.draw_all(version)
    # England, its region, two ICBs and their organisations, each with its charts.
    assert places >= 6 and charts >= 4 * places
    assert len(list(cube_store.chart_store().glob("*.svg"))) >= 4
    # A first visit draws nothing: every chart is read back.
    cube_store.clear()

    def no_drawing(*args: object, **kwargs: object) -> str:
        raise AssertionError("a chart was drawn on the first visit")

    monkeypatch.setattr(dashboard_charts, "render_svg", no_drawing)
    client = Client()
    person = make_person(role=Role.ANALYST)
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/dashboards/icb/QMM/")
    assert page.status_code == 200
    assert page.content.decode().count('role="img"') >= 4


def test_nothing_to_draw_without_submissions() -> None:
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    assert cube_store.draw_all(version) == (0, 0)


def test_a_damaged_cube_file_is_built_again() -> None:
    load_synthetic("tiny", waves=1, seed=7)
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    wave = cube_store.waves_with_figures()[0]
    first = cube_store.cube_for(wave, version)
    (path,) = cube_store.cache_dir().glob(f"cube-{wave.pk}-{version.pk}-*.npz")
    path.write_bytes(b"not a cube")
    cube_store.clear()
    again = cube_store.cube_for(wave, version)
    assert again.respondents == first.respondents
    assert path.read_bytes().startswith(b"PK")  # written again, whole


def test_a_restored_database_never_meets_figures_filed_since() -> None:
    cube_store.bump("frame")
    saved = DataRevision.objects.get(key="frame")
    cube_store.bump("frame")
    after = DataRevision.objects.get(key="frame").stamp
    # The database is restored from a backup taken before the second change, then changes.
    DataRevision.objects.filter(key="frame").update(number=saved.number, token=saved.token)
    assert DataRevision.objects.get(key="frame").stamp == saved.stamp
    cube_store.bump("frame")
    assert DataRevision.objects.get(key="frame").stamp not in (saved.stamp, after)
