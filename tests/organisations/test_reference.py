import csv
import shutil
from pathlib import Path

import pytest

from digiready.organisations.models import Kind, Organisation, OrganisationLink, ProviderType
from digiready.organisations.reference import REFERENCE_DIR, ReferenceError, load_reference

pytestmark = pytest.mark.django_db


def test_reference_holds_seven_regions_42_icbs_and_the_trusts() -> None:
    assert Organisation.objects.regions().count() == 7
    assert Organisation.objects.icbs().count() == 42
    assert Organisation.objects.providers().count() == 242


def test_every_icb_sits_in_exactly_one_region_and_every_english_trust_in_an_icb() -> None:
    for icb in Organisation.objects.icbs():
        assert [p.kind for p in icb.parents_on(icb.effective_from)] == [Kind.REGION]
    with (REFERENCE_DIR / "nhs_trusts.csv").open() as handle:
        unknown = {row["ods_code"] for row in csv.DictReader(handle) if not row["icb_ods_code"]}
    unlinked = Organisation.objects.providers().filter(parent_links__isnull=True)
    assert {o.ods_code for o in unlinked} == unknown
    assert "7A7" in unknown  # the Welsh health board serves no English ICB


def test_loading_again_changes_nothing() -> None:
    before = (Organisation.objects.count(), OrganisationLink.objects.count())
    report = load_reference()
    assert report.total_created == 0
    assert report.links_created == 0
    assert report.updated == 0
    assert (Organisation.objects.count(), OrganisationLink.objects.count()) == before


def test_names_are_written_as_people_write_them() -> None:
    trust = Organisation.objects.get(ods_code="R0A")
    assert trust.name == "Manchester University NHS Foundation Trust"
    assert trust.provider_type == ProviderType.NHS_TRUST
    assert Organisation.objects.get(ods_code="RX7").provider_type == ProviderType.AMBULANCE_TRUST


def test_a_trust_serving_several_icbs_has_one_primary_link() -> None:
    trust = Organisation.objects.get(ods_code="R1L")
    links = trust.parent_links.order_by("-is_primary", "parent__ods_code")
    assert [link.parent.ods_code for link in links if link.is_primary] == ["QH8"]
    assert {link.parent.ods_code for link in links} == {"QH8", "QJG", "QM7"}


def test_a_bad_reference_file_says_which_row_and_changes_nothing(tmp_path: Path) -> None:
    for name in ("nhs_england_regions.csv", "integrated_care_boards.csv", "nhs_trusts.csv"):
        shutil.copy(REFERENCE_DIR / name, tmp_path / name)
    trusts = tmp_path / "nhs_trusts.csv"
    trusts.write_text(trusts.read_text() + "ZZZ,A NEW TRUST,QXX\n")
    before = Organisation.objects.count()
    with pytest.raises(ReferenceError, match=r"nhs_trusts.csv, row 244: icb_ods_code 'QXX'"):
        load_reference(tmp_path)
    assert Organisation.objects.count() == before
