"""A demo conversation: two phases, published contributions written for the demo, and votes
from made-up participants who fall into two camps, so themes and opinion groups show."""

from __future__ import annotations

import csv
import datetime as dt
import random
import uuid
from pathlib import Path

from django.db import transaction

from digiready.consultation.models import Campaign, Contribution, Phase, Question, Status, Vote
from digiready.consultation.wording import STANDARD_WORDING

DATA = Path(__file__).resolve().parent / "data" / "demo-contributions.csv"
SLUG = "digital-skills-2026"


@transaction.atomic
def load_demo(seed: int = 2026) -> str:
    if Campaign.objects.filter(slug=SLUG).exists():
        return "The demo conversation is already loaded."
    today = dt.date.today()
    campaign = Campaign.objects.create(
        slug=SLUG,
        title="Digital skills in health and care: what would help you?",
        **STANDARD_WORDING,
    )
    everyone = Phase.objects.create(
        campaign=campaign,
        title="Phase 1: everyone who uses data and technology at work",
        audience="Nurses, porters, receptionists, physiotherapists, IT staff, coders, clerks, "
        "finance directors: anyone who uses data and technology at work.",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=60),
        position=1,
    )
    clinical = Phase.objects.create(
        campaign=campaign,
        title="Phase 2: clinical staff at every level of digital confidence",
        audience="Clinical staff of every profession and band, whether you love or avoid "
        "digital tools.",
        opens_on=today + dt.timedelta(days=61),
        closes_on=today + dt.timedelta(days=120),
        position=2,
    )
    first = Question.objects.create(
        phase=everyone,
        text="What one thing would help you use digital tools better at work?",
        hint="For example: time, training, equipment, or how systems work together.",
        position=1,
    )
    Question.objects.create(
        phase=everyone,
        text="What gets in the way of using data and technology in your job?",
        position=2,
    )
    Question.objects.create(
        phase=clinical,
        text="How could digital tools give you more time with patients?",
        position=1,
    )
    rng = random.Random(seed)
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    contributions = Contribution.objects.bulk_create(
        Contribution(
            question=first,
            text=row["text"],
            status=Status.APPROVED,
            staff_group=row.get("staff_group", ""),
            profession=row.get("profession", ""),
            confidence=int(row["confidence"]) if row.get("confidence") else None,
            created_on=today - dt.timedelta(days=rng.randint(0, 29)),
            moderated_on=today,
        )
        for row in rows
    )
    topics = sorted({row["theme"] for row in rows})
    votes = []
    for number in range(60):
        camp = number % 2
        liked = set(topics[camp::2])
        key = uuid.uuid4()
        for contribution, row in zip(contributions, rows, strict=True):
            if rng.random() > 0.35:
                continue
            if row["theme"] in liked:
                value = 1 if rng.random() < 0.85 else 0
            else:
                value = -1 if rng.random() < 0.6 else rng.choice([0, 1])
            votes.append(Vote(contribution=contribution, participant=key, value=value))
    Vote.objects.bulk_create(votes)
    return (
        f"Loaded the demo conversation with {len(contributions)} contributions and "
        f"{len(votes):,} votes from 60 made-up participants."
    )
