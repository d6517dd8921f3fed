"""Organisation names as people write them: ODS publishes them in capitals.

>>> title_case("THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST")
"The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
>>> title_case("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")
"Guy's and St Thomas' NHS Foundation Trust"
>>> title_case("HULL UNIVERSITY TEACHING HOSPITALS NHS TRUST")
'Hull University Teaching Hospitals NHS Trust'
>>> title_case("NHS Mid and South Essex Integrated Care Board")
'NHS Mid and South Essex Integrated Care Board'
"""

import re

UPPER = {"NHS", "UK", "ICB", "HIV", "GP"}
LOWER = {"and", "of", "the", "for", "on", "upon", "in", "with"}


def _word(word: str, first: bool) -> str:
    bare = re.sub(r"[^A-Za-z]", "", word).upper()
    if bare in UPPER:
        return word.upper()
    lower = word.lower()
    if not first and lower in LOWER:
        return lower
    # Capitalise each part of a hyphenated word; keep apostrophes' tails lower ("King's").
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))


def title_case(name: str) -> str:
    """Title-case a name written in capitals; leave names already in mixed case alone."""
    if name != name.upper():
        return name
    parts = re.split(r"(\s+)", name)
    first = next((index for index, part in enumerate(parts) if part.strip()), 0)
    return "".join(
        part if not part.strip() else _word(part, index == first)
        for index, part in enumerate(parts)
    )
