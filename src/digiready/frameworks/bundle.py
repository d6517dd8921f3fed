"""Install the frameworks and role profiles that ship with the service. Safe to run again."""

from __future__ import annotations

from django.db import transaction

from digiready.frameworks import exchange
from digiready.frameworks.bundled import BUNDLED_FRAMEWORKS, DATA_DIR, load_framework_file
from digiready.frameworks.crosswalks import links_from_associations
from digiready.frameworks.models import Framework, FrameworkVersion, RoleProfile
from digiready.frameworks.profiles import load_role_profiles
from digiready.frameworks.store import save_framework

PERSON_FRAMEWORK = "digital-ready"
# An illustrative framework from "another tool", mapped to ours: demo data only.
EXAMPLES = (DATA_DIR / "examples" / "example-national.case.json",)


def load_bundled(*, examples: bool = False) -> list[str]:
    """Load each bundled framework version not yet held, then any missing role profiles."""
    done = []
    for path in BUNDLED_FRAMEWORKS:
        fw = load_framework_file(path)
        if FrameworkVersion.objects.filter(identifier=fw.identifier).exists():
            continue
        version = save_framework(fw, slug=path.stem, source=path.name)
        done.append(f"Loaded {version} ({len(fw.capabilities())} capabilities).")
    added = load_default_profiles()
    if added:
        done.append(f"Added {added} default role profiles.")
    if examples:
        done += load_examples()
    return done


def load_examples() -> list[str]:
    done = []
    for path in EXAMPLES:
        fw = exchange.parse(path.name, path.read_bytes())
        if FrameworkVersion.objects.filter(identifier=fw.identifier).exists():
            continue
        version = exchange.import_file(path.name, path.read_bytes())
        crosswalks = links_from_associations(version)
        done.append(f"Loaded the example {version}, with {len(crosswalks)} crosswalk.")
    return done


@transaction.atomic
def load_default_profiles() -> int:
    """Create the default profile for every (profession or staff group, archetype) missing."""
    framework = Framework.objects.filter(slug=PERSON_FRAMEWORK).first()
    version = framework.current_version() if framework else None
    if framework is None or version is None:
        return 0
    lineage_by_code = {d.code: str(d.lineage) for d in version.domains.all()}
    held = set(framework.role_profiles.values_list("profession", "staff_group", "archetype"))
    new = []
    for profile in load_role_profiles():
        key = (profile.profession or "", profile.staff_group or "", profile.archetype)
        if key in held:
            continue
        new.append(
            RoleProfile(
                framework=framework,
                profession=key[0],
                staff_group=key[1],
                archetype=profile.archetype,
                expected={
                    lineage_by_code[code]: level
                    for code, level in profile.expected.items()
                    if code in lineage_by_code
                },
            )
        )
    RoleProfile.objects.bulk_create(new)
    return len(new)
