"""The questionnaire is built from the framework and the role profile."""

import pytest

from digiready.accounts.professions import PROFESSIONS
from digiready.assessments.questionnaire import DONT_KNOW, NOT_APPLICABLE, build_questionnaire
from digiready.assessments.services import AssessmentError, questionnaire_for_role
from digiready.frameworks.bundled import PERSON_FRAMEWORK, load_framework_file
from digiready.frameworks.profiles import ARCHETYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("archetype", [a.code for a in ARCHETYPES])
def test_every_role_gets_a_questionnaire_of_about_ten_to_fifteen_minutes(archetype: str) -> None:
    for profession in PROFESSIONS:
        questionnaire = questionnaire_for_role(profession=profession.code, archetype=archetype)
        assert 30 <= len(questionnaire.items) <= 60, profession.code
        assert all(section.expected_level for section in questionnaire.sections)


def test_a_person_answers_not_yet_or_a_level_or_not_applicable() -> None:
    questionnaire = questionnaire_for_role(profession="paramedic", archetype="user")
    item = questionnaire.items[0]
    assert [c.label for c in item.choices] == [
        "Not yet",
        "Foundation",
        "Intermediate",
        "Advanced",
        "Expert",
    ]
    assert item.choices[1].statement.startswith("I can")
    assert item.missing == (NOT_APPLICABLE,)
    assert questionnaire.scale_size == 5
    assert questionnaire.level_of(1) == 0
    assert questionnaire.level_name(2) == "Intermediate"


def test_domains_a_role_does_not_expect_are_not_asked() -> None:
    porter = questionnaire_for_role(profession="porter", archetype="user")
    physio = questionnaire_for_role(profession="physiotherapist", archetype="user")
    assert len(porter.items) < len(physio.items)
    assert {"RC", "ER"} - {s.code for s in porter.sections} == {"RC", "ER"}


def test_an_unknown_profession_is_refused() -> None:
    with pytest.raises(AssessmentError, match="Unknown profession"):
        questionnaire_for_role(profession="wizard")


def test_without_a_role_profile_every_domain_is_asked() -> None:
    framework = load_framework_file(PERSON_FRAMEWORK)
    questionnaire = build_questionnaire(framework, slug="digital-ready")
    assert len(questionnaire.sections) == 11
    assert len(questionnaire.items) == 47
    assert len({s.slug for s in questionnaire.sections}) == 11


def test_an_organisation_answers_levels_one_to_five_or_i_do_not_know() -> None:
    from digiready.frameworks.bundled import ORGANISATION_FRAMEWORK

    questionnaire = build_questionnaire(
        load_framework_file(ORGANISATION_FRAMEWORK), slug="organisational-maturity"
    )
    item = questionnaire.items[0]
    assert [c.value for c in item.choices] == [1, 2, 3, 4, 5]
    assert item.missing == (DONT_KNOW,)
    assert questionnaire.level_of(3) == 3
