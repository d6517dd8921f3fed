"""Starting, saving and submitting keep the rules whichever route calls them."""

from collections.abc import Callable

import pytest

from digiready.accounts.models import User
from digiready.assessments import services
from digiready.assessments.models import Answer, Assessment, DomainScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(make_person: Callable[..., User]) -> User:
    return make_person(profession="nurse", staff_group="nurses")


def test_starting_twice_continues_the_unfinished_assessment(nurse: User) -> None:
    first = services.start_self_assessment(nurse, archetype="user")
    again = services.start_self_assessment(nurse, archetype="driver")
    assert again.pk == first.pk
    assert Assessment.objects.count() == 1


def test_the_role_profile_is_kept_as_it_stood_at_the_start(nurse: User) -> None:
    assessment = services.start_self_assessment(nurse, archetype="driver")
    profile = services.role_profile(
        assessment.framework_version.framework,
        profession="nurse",
        staff_group="nurses",
        archetype="driver",
    )
    assert profile is not None
    assert assessment.expected == profile.expected
    assert assessment.profession == "nurse"
    assert assessment.organisation == nurse.organisation


def test_a_staff_group_profile_stands_in_for_a_profession_without_one(
    make_person: Callable[..., User],
) -> None:
    person = make_person(profession="other", staff_group="central")
    assessment = services.start_self_assessment(person, archetype="user")
    assert assessment.expected


def test_bad_answers_are_all_refused_and_nothing_is_saved(nurse: User) -> None:
    assessment = services.start_self_assessment(nurse, archetype="user")
    items = services.questionnaire_of(assessment).items
    with pytest.raises(services.AssessmentError) as error:
        services.save_answers(
            assessment,
            {
                items[0].link_id: "3",
                items[1].link_id: "6",
                items[2].link_id: "dk",
                "not-an-item": "1",
            },
        )
    assert len(error.value.problems) == 3
    assert "'6' is not an answer (1 to 5, \"na\")" in error.value.problems[0]
    assert not Answer.objects.exists()


def test_saving_again_changes_the_answer_rather_than_adding_one(nurse: User) -> None:
    assessment = services.start_self_assessment(nurse, archetype="user")
    link = services.questionnaire_of(assessment).items[0].link_id
    services.save_answers(assessment, {link: "2"})
    services.save_answers(assessment, {link: "na"})
    answer = Answer.objects.get()
    assert (answer.value, answer.missing) == (None, "na")


def test_submitting_stores_each_domain_score_once_and_locks_the_answers(nurse: User) -> None:
    assessment = services.start_self_assessment(nurse, archetype="user")
    questionnaire = services.questionnaire_of(assessment)
    tokens = {item.link_id: "5" for item in questionnaire.items}
    # One domain with every item not applicable: it cannot be scored.
    for item in questionnaire.sections[0].items:
        tokens[item.link_id] = "na"
    services.save_answers(assessment, tokens)
    elsewhere = Assessment.objects.get(pk=assessment.pk)  # as another request loaded it
    services.submit(assessment)
    scores = {str(s.domain_lineage): s for s in DomainScore.objects.filter(assessment=assessment)}
    assert len(scores) == len(questionnaire.sections)
    unscored = scores[questionnaire.sections[0].lineage]
    assert (unscored.score, unscored.attained_level, unscored.gap) == (None, None, None)
    scored = scores[questionnaire.sections[1].lineage]
    assert (scored.score, scored.attained_level, scored.gap) == (1.0, 4, 0)
    with pytest.raises(services.AssessmentError, match="submitted"):
        services.save_answers(elsewhere, {questionnaire.items[0].link_id: "1"})
    with pytest.raises(services.AssessmentError, match="already"):
        services.submit(assessment)


def test_an_incomplete_assessment_cannot_be_submitted(nurse: User) -> None:
    assessment = services.start_self_assessment(nurse, archetype="user")
    with pytest.raises(services.AssessmentError, match="Answer every question"):
        services.submit(assessment)
    assert not DomainScore.objects.exists()
