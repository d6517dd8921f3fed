"""The standard words a campaign's public page starts with: what it is for, how the answers
are used, and what is stored."""

STANDARD_WORDING = {
    "purpose": "To hear from everyone who uses data and technology at work, in every role and "
    "at every level of confidence, about what gets in the way and what would help.",
    "how_used": "Moderators read every contribution. Analysts group them into themes and "
    "publish a report. The report will shape a national digital skills programme.",
    "what_stored": "Your words with personal details removed, the date, and (only if you give "
    "them) your staff group, profession, region and confidence with digital tools.",
}
