"""Forms for framework authors: metadata, domains, capabilities with levels, role profiles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from digiready.core.forms import NHSForm, NHSModelForm
from digiready.frameworks.models import (
    RESERVED_VERSIONS,
    URL_SAFE_VERSION,
    Capability,
    Domain,
    FrameworkVersion,
    Relation,
)

STATEMENT_LIMIT = 1000


class ImportForm(NHSForm):
    file = forms.FileField(
        label="Upload a framework file",
        help_text="A CASE 1.0 package (.json) or a framework spreadsheet saved as CSV (.csv).",
        error_messages={"required": "Choose a framework file to upload"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.FRAMEWORK_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit // 1_000_000} MB")
        return upload


class VersionForm(NHSModelForm):
    licence_uri = forms.URLField(
        label="Licence web address",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, https://www.nationalarchives.gov.uk/doc/open-government-licence/",
    )
    level_names = forms.CharField(
        label="Level names",
        help_text="One level on each line, lowest first.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    class Meta:
        model = FrameworkVersion
        fields = ["title", "version", "publisher", "description", "licence", "licence_uri"]
        labels = {
            "title": "Framework title",
            "version": "Version number",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["level_names"] = "\n".join(self.instance.level_names)

    def clean_version(self) -> str:
        version = self.cleaned_data["version"].strip()
        if not URL_SAFE_VERSION.fullmatch(version) or version in RESERVED_VERSIONS:
            raise forms.ValidationError(
                "Enter a version number of letters, numbers, full stops and hyphens, like 1.2"
            )
        others = self.instance.framework.versions.exclude(pk=self.instance.pk)
        if others.filter(version=version).exists():
            raise forms.ValidationError(f"Version {version} already exists; choose another number")
        return version

    def clean_level_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["level_names"].splitlines()]
        names = [name for name in names if name]
        if not 2 <= len(names) <= 10:
            raise forms.ValidationError("Enter between 2 and 10 level names, one on each line")
        if len(set(names)) != len(names):
            raise forms.ValidationError("Each level needs a different name")
        return names

    def save(self, commit: bool = True) -> FrameworkVersion:
        self.instance.level_names = self.cleaned_data["level_names"]
        return super().save(commit)


class DomainForm(NHSModelForm):
    class Meta:
        model = Domain
        fields = ["code", "title", "description"]
        labels = {"code": "Code", "title": "Domain title"}
        help_texts = {"code": "A short code used in exports, for example DL."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, version: FrameworkVersion, **kwargs: Any) -> None:
        self.version = version
        super().__init__(*args, **kwargs)
        self.fields["code"].required = True

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        clash = self.version.domains.filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Another domain already has the code {code}")
        return code


class CapabilityForm(NHSModelForm):
    """A capability with one statement per level of the framework's scale."""

    class Meta:
        model = Capability
        fields = ["domain", "code", "title", "description"]
        labels = {"code": "Code", "title": "Capability title"}
        help_texts = {"code": "A short code used in exports, for example DL.3."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, version: FrameworkVersion, **kwargs: Any) -> None:
        self.version = version
        super().__init__(*args, **kwargs)
        domain_field = self.fields["domain"]
        assert isinstance(domain_field, forms.ModelChoiceField)
        domain_field.queryset = version.domains.order_by("position")
        domain_field.empty_label = None
        self.fields["code"].required = True
        existing = {}
        if self.instance.pk:
            existing = {level.number: level.statement for level in self.instance.levels.all()}
        for number, name in enumerate(version.level_names, start=1):
            self.fields[f"level_{number}"] = forms.CharField(
                label=f"Level {number}: {name}",
                help_text="What a person at this level can do, starting “I can”."
                if version.subject == "person"
                else "What an organisation at this level does, starting “We”.",
                max_length=STATEMENT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.get(number, ""),
                error_messages={"required": f"Enter the statement for level {number} ({name})"},
            )

    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{n}"] for n in range(1, len(self.version.level_names) + 1)]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        clash = self.version.capabilities.filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Another capability already has the code {code}")
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        statements = [
            cleaned.get(f"level_{n}", "").strip()
            for n in range(1, len(self.version.level_names) + 1)
        ]
        seen: set[str] = set()
        for number, statement in enumerate(statements, start=1):
            if statement and statement in seen:
                self.add_error(f"level_{number}", "Each level needs a different statement")
            seen.add(statement)
        return cleaned

    def statements(self) -> dict[int, str]:
        return {
            n: self.cleaned_data[f"level_{n}"].strip()
            for n in range(1, len(self.version.level_names) + 1)
        }


class RoleProfileForm(NHSForm):
    """Expected level per domain; 0 means the domain is not expected of the role."""

    def __init__(
        self,
        *args: Any,
        domains: list[Domain],
        level_names: list[str],
        expected: dict[str, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("0", "Not expected of this role")] + [
            (str(n), f"{n}: {name}") for n, name in enumerate(level_names, start=1)
        ]
        self.domains = domains
        for domain in domains:
            self.fields[str(domain.lineage)] = forms.TypedChoiceField(
                label=domain.title,
                choices=choices,
                coerce=int,
                initial=str(expected.get(str(domain.lineage), 0)),
            )

    def expected(self) -> dict[str, int]:
        return {
            str(domain.lineage): self.cleaned_data[str(domain.lineage)] for domain in self.domains
        }


class CrosswalkForm(NHSForm):
    source: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.none(), label="Map from", empty_label=None
    )
    target: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.none(), label="Map to", empty_label=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = FrameworkVersion.objects.visible().select_related("framework")
        for name in ("source", "target"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = versions

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        source, target = cleaned.get("source"), cleaned.get("target")
        if source and target and source.framework_id == target.framework_id:
            raise forms.ValidationError("Choose versions of two different frameworks")
        return cleaned


class CrosswalkLinkForm(NHSForm):
    source: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Capability.objects.none(), label="Capability", empty_label=None
    )
    target: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Capability.objects.none(), label="Maps to", empty_label=None
    )
    relation = forms.ChoiceField(
        choices=Relation.choices,
        label="How closely",
        widget=forms.RadioSelect,
        initial=Relation.EXACT_MATCH,
    )

    def __init__(
        self, *args: Any, source: FrameworkVersion, target: FrameworkVersion, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, version in (("source", source), ("target", target)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = version.capabilities.order_by("domain__position", "position")
