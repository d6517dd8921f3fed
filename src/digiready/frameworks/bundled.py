"""The framework YAML files shipped with Digital Ready, and the loader that checks and reads them.

A file is checked whole before anything is built: its shape with pydantic, then the rules that
span fields (statement counts, unique codes and statements, how statements begin). Every problem
is reported at once, each naming the file and the key path, e.g.
``digital-ready.yaml: domains[2].capabilities[1].levels: expected 4 statements, found 3``.

Identifiers are derived from the framework slug and the codes, never stored in the file, so the
same file gives the same UUIDs on every installation. In the first version a node's identifier is
its lineage; a later version (with ``first_version`` and ``previous`` set) keeps the lineage and
gives every node an identifier of its own. No Django here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    derived_uuid,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
PERSON_FRAMEWORK = DATA_DIR / "digital-ready.yaml"
ORGANISATION_FRAMEWORK = DATA_DIR / "organisational-maturity.yaml"
BUNDLED_FRAMEWORKS: tuple[Path, ...] = (PERSON_FRAMEWORK, ORGANISATION_FRAMEWORK)

# How every level statement must begin, so that it reads as something the subject can do.
STATEMENT_OPENING = {"person": "I can ", "organisation": "We "}
_ABOUT = {"person": "a person", "organisation": "an organisation"}


def _trimmed(value: str) -> str:
    if value != value.strip():
        raise ValueError("has spaces or line breaks at the start or end")
    return value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_trimmed)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
DomainCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,9}$")]
Version = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")]
CapabilityCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,9}\.[0-9]{1,3}$")]


class _Model(BaseModel):
    # Strict, so that a number where text belongs (or a typo in a key) is reported, not coerced.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Licence(_Model):
    name: Text
    uri: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class _Capability(_Model):
    code: CapabilityCode
    title: Text
    description: Text
    levels: list[Text] = Field(min_length=1)


class _Domain(_Model):
    code: DomainCode
    title: Text
    description: Text
    capabilities: list[_Capability] = Field(min_length=1)


class _Framework(_Model):
    framework: Slug
    title: Text
    version: Version
    subject: Literal["person", "organisation"]
    publisher: Text
    licence: _Licence
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
    # YAML reads an unquoted date-time as a datetime; a quoted one is accepted as text too.
    published: Annotated[AwareDatetime, Field(strict=False)]
    description: Text
    levels: list[Text] = Field(min_length=2, max_length=10)
    domains: list[_Domain] = Field(min_length=1)
    # Only for a later version: the version that began the framework, so that the framework and
    # every node keep their lineage, and the version this one replaces.
    first_version: Version | None = None
    previous: Version | None = None


def _path(loc: Sequence[int | str]) -> str:
    """``("domains", 2, "title")`` as ``domains[2].title``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


# What a value that fails its pattern should look like, by the key that holds it.
_PATTERN_HINTS = {
    "framework": "a slug of lower-case letters, digits and hyphens, such as digital-ready",
    "version": 'a version such as "1.0", in quotes',
    "first_version": 'a version such as "1.0", in quotes',
    "previous": 'a version such as "1.0", in quotes',
    "language": "a language tag such as en-GB",
    "uri": "a web address beginning https://",
}


# What each pydantic type error expected, in an author's words.
_EXPECTED = {"string_type": "text", "list_type": "a list", "int_type": "a whole number"}


def _kind_of(value: object) -> str:
    """What YAML made of a value, in an author's words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {value}"
    names = {
        str: "text",
        list: "a list",
        dict: "a mapping",
        datetime: "a date-time",
        date: "a date",
    }
    return names.get(type(value), type(value).__name__)


def _message(error: Any) -> str:
    """A pydantic error in words a framework author can act on."""
    kind: str = error["type"]
    loc = error["loc"]
    found = _kind_of(error["input"])
    if kind == "missing":
        return "required but missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a mapping of keys to values, found {found}"
    key = str(loc[-1]) if loc else ""
    if kind == "string_type" and key in _PATTERN_HINTS:
        return f"should be {_PATTERN_HINTS[key]}, found {found}"
    if kind == "string_pattern_mismatch":
        if key == "code":
            if "capabilities" in loc:
                return "should be the domain code, a full stop and a number, such as DL.1"
            return "should be capital letters or digits, starting with a letter, such as DL"
        return "should be " + _PATTERN_HINTS.get(key, "in the expected form")
    if kind in _EXPECTED:
        return f"should be {_EXPECTED[kind]}, found {found}"
    if kind in ("too_short", "too_long"):
        ctx = error.get("ctx", {})
        bound = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"should have {bound} {limit} items, found {ctx.get('actual_length')}"
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = error.get("ctx", {})
        bound = f"at least {ctx.get('ge')}" if "ge" in ctx else f"at most {ctx.get('le')}"
        return f"should be {bound}, found {error['input']}"
    if key == "published":
        return "should be a date-time with a time zone, such as 2026-11-25T00:00:00+00:00"
    msg = str(error["msg"]).removeprefix("Value error, ").removeprefix("Input ")
    return msg[:1].lower() + msg[1:]


def describe_errors(exc: ValidationError, source: str) -> list[str]:
    """One line per pydantic error: the file, the key path and what is wrong."""
    return [f"{source}: {_path(err['loc'])}: {_message(err)}" for err in exc.errors()]


def _check_rules(model: _Framework) -> list[str]:
    """The rules that span fields; returns key path and message for each problem found."""
    problems: list[str] = []
    expected = len(model.levels)
    opening = STATEMENT_OPENING[model.subject]
    if model.previous is not None and model.previous == model.version:
        problems.append(f"previous: {model.previous} is this version; name the one it replaces")
    if len(set(model.levels)) != expected:
        problems.append("levels: level names must be unique")
    seen_codes: dict[str, str] = {}
    seen_statements: dict[str, str] = {}
    for d, domain in enumerate(model.domains):
        here = f"domains[{d}]"
        if domain.code in seen_codes:
            problems.append(
                f"{here}.code: {domain.code} is already used at {seen_codes[domain.code]}"
            )
        seen_codes.setdefault(domain.code, f"{here}.code")
        for c, cap in enumerate(domain.capabilities):
            at = f"{here}.capabilities[{c}]"
            if cap.code in seen_codes:
                problems.append(f"{at}.code: {cap.code} is already used at {seen_codes[cap.code]}")
            seen_codes.setdefault(cap.code, f"{at}.code")
            if not cap.code.startswith(domain.code + "."):
                problems.append(
                    f"{at}.code: {cap.code} must start with its domain code {domain.code}."
                )
            if len(cap.levels) != expected:
                problems.append(
                    f"{at}.levels: expected {expected} statements, found {len(cap.levels)}"
                )
            for n, statement in enumerate(cap.levels):
                where = f"{at}.levels[{n}]"
                if not statement.startswith(opening):
                    problems.append(
                        f'{where}: should begin "{opening.strip()}", as every statement '
                        f"about {_ABOUT[model.subject]} does"
                    )
                key = " ".join(statement.casefold().split())
                if key in seen_statements:
                    problems.append(f"{where}: the same statement is at {seen_statements[key]}")
                seen_statements.setdefault(key, where)
    return problems


def _build(model: _Framework) -> FrameworkData:
    slug = model.framework
    first = model.first_version or model.version
    identifier = derived_uuid(slug, model.version)

    def node(*codes: str) -> tuple[str, str]:
        """Identifier and lineage: the same in the first version, the version's own after it."""
        lineage = derived_uuid(slug, *codes)
        if model.version == first:
            return lineage, lineage
        return derived_uuid(slug, model.version, *codes), lineage

    domains = []
    for domain in model.domains:
        capabilities = []
        for cap in domain.capabilities:
            cap_id, cap_lineage = node(cap.code)
            levels = [
                LevelData(number=n, statement=text, identifier=node(cap.code, str(n))[0])
                for n, text in enumerate(cap.levels, start=1)
            ]
            capabilities.append(
                CapabilityData(
                    identifier=cap_id,
                    lineage=cap_lineage,
                    code=cap.code,
                    title=cap.title,
                    description=cap.description,
                    levels=levels,
                )
            )
        domain_id, domain_lineage = node(domain.code)
        domains.append(
            DomainData(
                identifier=domain_id,
                lineage=domain_lineage,
                code=domain.code,
                title=domain.title,
                description=domain.description,
                capabilities=capabilities,
            )
        )
    return FrameworkData(
        identifier=identifier,
        lineage=derived_uuid(slug, first),
        title=model.title,
        version=model.version,
        subject=model.subject,
        status="published",
        publisher=model.publisher,
        creator=model.publisher,
        description=model.description,
        language=model.language,
        licence=model.licence.name,
        licence_uri=model.licence.uri,
        level_names=list(model.levels),
        last_changed=model.published.astimezone(UTC).isoformat(),
        previous=derived_uuid(slug, model.previous) if model.previous else "",
        domains=domains,
    )


def framework_from_data(data: object, source: str) -> FrameworkData:
    """Check parsed YAML (``source`` names it in messages) and build the framework from it."""
    try:
        model = _Framework.model_validate(data)
    except ValidationError as exc:
        raise FrameworkFormatError(describe_errors(exc, source)) from None
    problems = _check_rules(model)
    if problems:
        raise FrameworkFormatError([f"{source}: {problem}" for problem in problems])
    return _build(model)


def read_yaml(path: Path) -> object:
    """The parsed content of a YAML file, or FrameworkFormatError saying why it cannot be read."""
    source = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkFormatError([f"{source}: cannot be read: {exc}"]) from None
    try:
        # Aliases let a small file expand enormously once checked, and no framework needs them.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, yaml.SafeLoader)):
            raise FrameworkFormatError([f"{source}: YAML anchors and aliases are not accepted"])
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FrameworkFormatError([f"{source}: not valid YAML{line}: {reason}"]) from None


def load_framework_file(path: Path | str) -> FrameworkData:
    """Read, check and build one framework YAML file; FrameworkFormatError lists every problem."""
    path = Path(path)
    return framework_from_data(read_yaml(path), path.name)


def load_bundled() -> list[FrameworkData]:
    """Every framework shipped with Digital Ready, person framework first."""
    return [load_framework_file(path) for path in BUNDLED_FRAMEWORKS]
