"""Small framework versions for tests and demo data, built as plain records."""

from __future__ import annotations

import uuid

from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    LevelData,
)

LEVEL_NAMES = ["Foundation", "Intermediate", "Advanced", "Expert"]


def framework_data(
    title: str = "Example framework",
    *,
    version: str = "1.0",
    domains: int = 2,
    capabilities: int = 3,
    levels: int = 4,
    status: str = "published",
    subject: str = "person",
    code_prefix: str = "D",
) -> FrameworkData:
    """A framework whose statements say where they sit, so tests can find them."""
    names = (LEVEL_NAMES if levels == 4 else [f"Level {n}" for n in range(1, levels + 1)])[:levels]
    document = str(uuid.uuid4())
    built = []
    for d in range(1, domains + 1):
        domain_id = str(uuid.uuid4())
        caps = []
        for c in range(1, capabilities + 1):
            cap_id = str(uuid.uuid4())
            code = f"{code_prefix}{d}.{c}"
            caps.append(
                CapabilityData(
                    identifier=cap_id,
                    lineage=cap_id,
                    code=code,
                    title=f"Capability {code}",
                    description=f"What capability {code} is about.",
                    levels=[
                        LevelData(n, f"I can do {code} at level {n}.", str(uuid.uuid4()))
                        for n in range(1, levels + 1)
                    ],
                )
            )
        built.append(
            DomainData(
                identifier=domain_id,
                lineage=domain_id,
                code=f"{code_prefix}{d}",
                title=f"Domain {code_prefix}{d}",
                description=f"About domain {code_prefix}{d}.",
                capabilities=caps,
            )
        )
    return FrameworkData(
        identifier=document,
        lineage=document,
        title=title,
        version=version,
        subject=subject,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        publisher="Test publisher",
        licence="Open Government Licence v3.0",
        licence_uri="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        level_names=names,
        last_changed="2026-11-01T09:00:00+00:00",
        domains=built,
    )
