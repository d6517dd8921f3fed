"""FHIR exchange through the database: questionnaires and responses out, responses in.

The canonical URLs use ``settings.SITE_URL``, so a questionnaire's URL is also where this
service publishes it. An import checks the whole file first and then creates every assessment
inside one transaction: it succeeds whole or changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent, User
from digiready.assessments import fhir, services
from digiready.assessments.fhir import FhirFormatError, ParsedResponse
from digiready.assessments.models import Assessment, Source, Subject
from digiready.assessments.questionnaire import Questionnaire, Role
from digiready.frameworks.models import FrameworkVersion
from digiready.frameworks.models import Status as VersionStatus
from digiready.organisations.models import Organisation

Progress = Callable[[int, int], None]
# How many identifiers one query asks about: well under every database's parameter limit.
QUERY_CHUNK = 500


def base_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def questionnaire_json(questionnaire: Questionnaire) -> dict[str, Any]:
    """The FHIR Questionnaire, with the publisher and date of the framework version."""
    version = FrameworkVersion.objects.filter(identifier=questionnaire.version_identifier).first()
    return fhir.questionnaire_resource(
        questionnaire,
        base_url=base_url(),
        publisher=version.publisher if version else "",
        status="retired" if version and version.status == VersionStatus.RETIRED else "active",
        date=_iso(version.published_at) if version and version.published_at else "",
    )


def assessment_response_json(assessment: Assessment) -> dict[str, Any]:
    """The assessment's answers as a FHIR QuestionnaireResponse."""
    questionnaire = services.questionnaire_of(assessment)
    organisation = assessment.organisation if not assessment.is_person else None
    authored = assessment.submitted_at or assessment.updated_at
    return fhir.response_resource(
        questionnaire,
        base_url=base_url(),
        response_id=str(assessment.public_id),
        tokens=services.answer_tokens(assessment),
        status="completed" if assessment.is_submitted else "in-progress",
        authored=_iso(authored) if authored else "",
        subject_ods=organisation.ods_code if organisation else None,
        subject_display=organisation.name if organisation else None,
    )


def _iso(moment: Any) -> str:
    return str(moment.isoformat(timespec="seconds"))


@dataclass(frozen=True)
class Target:
    """What a canonical URL names: the version, the role and the expectations behind it."""

    version: FrameworkVersion
    questionnaire: Questionnaire
    expected: dict[str, int] | None


@dataclass
class Resolver:
    """Canonical URL -> questionnaire, for every published or retired framework version and
    role profile. Remembers what it found, so a bundle of many responses asks once per URL."""

    base: str = field(default_factory=base_url)
    found: dict[str, Target | None] = field(default_factory=dict)
    _versions: list[FrameworkVersion] | None = None

    def __call__(self, reference: str) -> Questionnaire | None:
        url, version = fhir.split_canonical(reference)
        target = self.target(url)
        if target is None or (version is not None and version != target.questionnaire.version):
            return None
        return target.questionnaire

    def target(self, url: str) -> Target | None:
        if url not in self.found:
            prefix = f"{self.base}/fhir/Questionnaire/"
            self.found[url] = self.by_id(url[len(prefix) :]) if url.startswith(prefix) else None
        return self.found[url]

    def by_id(self, questionnaire_id: str) -> Target | None:
        """``digital-ready-1.0-physiotherapist-user``: framework, version, then role."""
        for version in self.versions():
            stem = fhir.version_stem(version.framework.slug, version.version) + "-"
            if questionnaire_id.startswith(stem):
                found = build_target(version, questionnaire_id.removeprefix(stem))
                if found is not None:
                    return found
        return None

    def versions(self) -> list[FrameworkVersion]:
        if self._versions is None:
            self._versions = list(FrameworkVersion.objects.visible().select_related("framework"))
        return self._versions


def resolver() -> Resolver:
    return Resolver()


def build_target(version: FrameworkVersion, key: str) -> Target | None:
    """The questionnaire of one framework version for a role key, if the role has a profile."""
    parsed = fhir.parse_role_key(key)
    if parsed is None or parsed[0] != version.subject:
        return None
    subject, role = parsed
    expected: dict[str, int] | None = None
    if subject == Subject.PERSON and role != Role():
        profile = services.role_profile(
            version.framework,
            profession=role.profession,
            staff_group=role.staff_group,
            archetype=role.archetype,
        )
        if profile is None:
            return None
        expected = dict(profile.expected)
    return Target(version, services.questionnaire_for(version, expected, role), expected)


def find_questionnaire(slug: str, role: str = "") -> Questionnaire | None:
    """A questionnaire by its id (``digital-ready-1.0-physiotherapist-user``), or by framework
    slug and role key (``digital-ready``, ``physiotherapist-user``) for the current version."""
    if role:
        current = services.current_version(slug)
        if current is not None and (found := build_target(current, role)) is not None:
            return found.questionnaire
        slug = f"{slug}-{role}"
    target = Resolver().by_id(slug)
    return target.questionnaire if target else None


@dataclass(frozen=True)
class _Plan:
    response: ParsedResponse
    target: Target
    public_id: uuid.UUID
    organisation: Organisation | None


def import_responses(
    data: bytes,
    *,
    organisation: Organisation | None = None,
    user: User | None = None,
    by: User | None = None,
    actor_label: str = "",
    request: HttpRequest | None = None,
    progress: Progress | None = None,
) -> list[Assessment]:
    """Create a submitted assessment for every response in a FHIR file, or none.

    ``organisation`` is the organisation assessed (for maturity responses) or the employer (for
    self-assessments); ``user`` the person the self-assessments belong to (by default no one).
    Raises FhirFormatError listing every problem; nothing is stored then.
    """
    resolve = resolver()
    parsed = fhir.parse_response_bundle(
        data, resolve=resolve, max_bytes=settings.FRAMEWORK_UPLOAD_MAX_BYTES
    )
    plans = _plan(parsed, resolve, organisation=organisation, user=user)
    with transaction.atomic():
        made = []
        for done, plan in enumerate(plans, start=1):
            made.append(_create(plan, user=user, by=by))
            if progress is not None:
                progress(done, len(plans))
        record(
            AuditEvent.Action.RESPONSES_IMPORTED,
            actor=by,
            actor_label=actor_label,
            target=f"{len(made)} FHIR QuestionnaireResponse{'s' if len(made) != 1 else ''}",
            request=request,
            format="fhir",
            count=len(made),
            assessments=[str(assessment.public_id) for assessment in made[:100]],
        )
    return made


def _plan(
    parsed: list[ParsedResponse],
    resolve: Resolver,
    *,
    organisation: Organisation | None,
    user: User | None,
) -> list[_Plan]:
    """What each response becomes, checked against the database before anything is written."""
    problems: list[str] = []
    plans = []
    organisations = _Organisations()
    for response in parsed:
        target = resolve.target(response.canonical)
        if target is None:  # parse_response_bundle resolved it already
            problems.append(_where(response, "questionnaire", "not a questionnaire we publish"))
            continue
        found = organisations.of(response, target, organisation, user, problems)
        plans.append(_Plan(response, target, _public_id(response), found))
    _check_imported_before(plans, problems)
    _check_unfinished(plans, user, problems)
    if problems:
        raise FhirFormatError(problems)
    return plans


def _public_id(response: ParsedResponse) -> uuid.UUID:
    """The response's own UUID, or one derived from another tool's identifier, so that
    importing the same response twice is noticed; a fresh one when it has no identifier."""
    identifier = response.identifier
    if identifier is None:
        return uuid.uuid4()
    if identifier.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(identifier[len("urn:uuid:") :])
        except ValueError:
            pass
    return uuid.uuid5(uuid.NAMESPACE_URL, identifier)


class _Organisations:
    """The organisation each response is about (or its respondent works for), by ODS code."""

    def __init__(self) -> None:
        self.by_ods: dict[str, Organisation | None] = {}

    def named(self, ods: str) -> Organisation | None:
        key = ods.upper()
        if key not in self.by_ods:
            self.by_ods[key] = Organisation.objects.filter(ods_code__iexact=ods).first()
        return self.by_ods[key]

    def of(
        self,
        response: ParsedResponse,
        target: Target,
        organisation: Organisation | None,
        user: User | None,
        problems: list[str],
    ) -> Organisation | None:
        if target.version.subject != Subject.ORGANISATION:
            return organisation or (user.organisation if user else None)
        named = self.named(response.subject_ods) if response.subject_ods else None
        where = "subject.identifier.value"
        if response.subject_ods and named is None:
            message = f"no organisation has the ODS code {response.subject_ods!r}"
            problems.append(_where(response, where, message))
        elif organisation is not None and named is not None and named != organisation:
            message = f"the response is about {named}, not {organisation}"
            problems.append(_where(response, where, message))
        elif organisation is None and named is None:
            message = (
                "an organisation's response needs its organisation: give its ODS code in "
                "subject.identifier, or name the organisation to import for"
            )
            problems.append(_where(response, "subject", message))
        return organisation or named


def _check_imported_before(plans: list[_Plan], problems: list[str]) -> None:
    wanted = [plan.public_id for plan in plans]
    held: set[uuid.UUID] = set()
    for start in range(0, len(wanted), QUERY_CHUNK):
        chunk = wanted[start : start + QUERY_CHUNK]
        found = Assessment.objects.filter(public_id__in=chunk).values_list("public_id", flat=True)
        held.update(found)
    for plan in plans:
        if plan.public_id in held:
            message = f"{plan.response.identifier} has already been imported"
            problems.append(_where(plan.response, "identifier", message))


def _check_unfinished(plans: list[_Plan], user: User | None, problems: list[str]) -> None:
    """An unfinished assessment of the same version would collide with a new one."""
    checked: dict[tuple[Any, ...], bool] = {}
    for plan in plans:
        version = plan.target.version
        if version.subject == Subject.ORGANISATION and plan.organisation is not None:
            key: tuple[Any, ...] = ("organisation", plan.organisation.pk, version.pk)
            whose = str(plan.organisation)
            mine = Assessment.objects.of_organisation(plan.organisation)
        elif version.subject == Subject.PERSON and user is not None:
            key, whose = ("person", user.pk, version.pk), user.email
            mine = Assessment.objects.of_person(user)
        else:
            continue
        if key not in checked:
            checked[key] = mine.in_progress().filter(framework_version=version).exists()
        if checked[key]:
            message = (
                f"{whose} has an unfinished assessment of {version}; submit or discard it "
                "before importing"
            )
            problems.append(_where(plan.response, "questionnaire", message))


def _create(plan: _Plan, *, user: User | None, by: User | None) -> Assessment:
    q, response = plan.target.questionnaire, plan.response
    person = q.subject == Subject.PERSON
    try:
        assessment = Assessment.objects.create(
            public_id=plan.public_id,
            subject=q.subject,
            user=user if person else None,
            organisation=plan.organisation,
            answered_by=None if person else by,
            answered_by_label="" if person or by is None else by.email,
            framework_version=plan.target.version,
            profession=q.role.profession,
            staff_group=q.role.staff_group,
            archetype=q.role.archetype,
            expected=plan.target.expected or {},
            source=Source.FHIR,
        )
        services.save_answers(assessment, response.tokens)
        assessment = services.submit(assessment)
    except services.AssessmentError as error:
        raise FhirFormatError([_where(response, "item", p) for p in error.problems]) from error
    except IntegrityError as error:  # another import or form stored a clashing one meanwhile
        message = "clashes with an assessment stored at the same moment; import the file again"
        raise FhirFormatError([_where(response, "identifier", message)]) from error
    if response.authored is not None:
        # When it was answered, not when it was imported: waves and trends go by this date.
        Assessment.objects.filter(pk=assessment.pk).update(
            started_at=response.authored, submitted_at=response.authored
        )
        assessment.started_at = assessment.submitted_at = response.authored
    return assessment


def _where(response: ParsedResponse, key: str, message: str) -> str:
    path = f"{response.path}.{key}" if response.path else key
    return f"{path}: {message}"
