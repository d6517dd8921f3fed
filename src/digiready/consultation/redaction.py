"""Find personal data in contributions to the online conversation and replace it with placeholders.

Staff take part without an account, so anything they write about themselves or others must be
redacted before anyone but a moderator reads it. This module finds seven kinds of personal data:

- e-mail addresses, including ones written out as "name at nhs dot net";
- UK phone numbers, with libphonenumber's matcher and a pattern for numbers it rejects as
  unallocated (such as Ofcom's drama ranges, which people still type);
- NHS numbers: ten digits, grouped 3-3-4 or run together, that pass the modulus 11 check;
- full UK postcodes;
- staff numbers introduced by words such as "staff number", "ESR" or "badge", ESR assignment
  numbers such as 12345678-2, and NMC PINs;
- hospital numbers and other local patient identifiers after a cue ("MRN", "hospital no.");
- names of people, from titles ("Dr", "Sister"), a dictionary of about 60,000 first names
  (gender-guesser) with lists of names and surnames it lacks, context ("my manager ...") and
  the shape of a name, while leaving common words, months and the names of systems and places.
  Titles stay: "Dr Okafor" becomes "Dr [NAME]". Handles such as "@JohnSmith" count as names.

Redacting a redacted text changes nothing: placeholders are never matched, and the rules read
the words around a placeholder as they read the words around what it replaced.

Everything runs offline and without Django. The service prefers to redact too much rather than
too little, so where a word is ambiguous the rules lean towards treating it as a name.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache

import phonenumbers

KINDS: dict[str, str] = {
    "name": "[NAME]",
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "nhs_number": "[NHS NUMBER]",
    "postcode": "[POSTCODE]",
    "staff_number": "[STAFF NUMBER]",
    "patient_number": "[PATIENT NUMBER]",
}

# Each kind in words, one and many, for moderators.
_IN_WORDS: dict[str, tuple[str, str]] = {
    "name": ("name", "names"),
    "email": ("e-mail address", "e-mail addresses"),
    "phone": ("phone number", "phone numbers"),
    "nhs_number": ("NHS number", "NHS numbers"),
    "postcode": ("postcode", "postcodes"),
    "staff_number": ("staff number", "staff numbers"),
    "patient_number": ("patient number", "patient numbers"),
}


def in_words(counts: dict[str, int]) -> str:
    """What was removed, as a moderator reads it.

    >>> in_words({"name": 2, "phone": 1, "postcode": 1})
    '2 names, 1 phone number, 1 postcode'
    >>> in_words({})
    ''
    """
    parts = []
    for kind, n in counts.items():
        one, many = _IN_WORDS.get(kind, (kind.replace("_", " "),) * 2)
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


# When two findings cover the same characters, the longer wins; on a tie, the kind listed first.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        ("email", "nhs_number", "patient_number", "staff_number", "phone", "postcode", "name")
    )
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Redaction:
    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.findings)


def is_valid_nhs_number(digits: str) -> bool:
    """Whether ten digits pass the NHS number modulus 11 check."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    # A remainder that gives 10 is never issued, so no number with that stem is valid.
    return check != 10 and check == int(digits[9])


def find_personal_data(text: str) -> list[Finding]:
    """Personal data in the text, sorted by position and not overlapping (the longest wins)."""
    structured = _resolve(
        [
            *_emails(text),
            *_nhs_numbers(text),
            *_patient_numbers(text),
            *_staff_numbers(text),
            *_handles(text),
            *_phones(text),
            *_postcodes(text),
        ]
    )
    names = _names_around(text, structured)
    return sorted([*structured, *names], key=lambda f: f.start)


def redact(text: str) -> Redaction:
    """The text with each finding replaced by the placeholder for its kind."""
    findings = find_personal_data(text)
    if not findings:
        return Redaction(text, ())
    return Redaction(_replace(text, findings), tuple(findings))


def _replace(text: str, findings: list[Finding]) -> str:
    parts: list[str] = []
    at = 0
    for f in findings:
        parts.append(text[at : f.start])
        parts.append(KINDS[f.kind])
        at = f.end
    parts.append(text[at:])
    return "".join(parts)


def _resolve(findings: list[Finding]) -> list[Finding]:
    """The findings that do not overlap, taking the longest first."""
    starts: list[int] = []  # of the chosen findings, kept sorted, with their ends alongside
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start - f.end, _PRIORITY[f.kind], f.start)):
        at = bisect.bisect_right(starts, f.start)
        if at > 0 and chosen[at - 1].end > f.start:
            continue
        if at < len(chosen) and chosen[at].start < f.end:
            continue
        starts.insert(at, f.start)
        chosen.insert(at, f)
    return chosen


# ---------------------------------------------------------------------------------------------
# E-mail addresses

_EMAIL = re.compile(r"(?<![\w.+'\]-])\w[\w.+'-]*@[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+|\.)"
# Written out: "name at nhs dot net", "name(at)nhs.net", "name [at] nhs [dot] uk". It must end
# in a known top-level domain, which keeps "look at the ward dot board" out.
_TOP_LEVEL = r"(?:uk|net|com|org|nhs|gov|ac|co|io|edu|info|me|ie|eu)"
_EMAIL_SPELT = re.compile(
    rf"(?<![\w.+\]-])\w[\w+-]*(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}"
    rf"{_TOP_LEVEL}(?![\w\[-])",
    re.IGNORECASE,
)


def _emails(text: str) -> list[Finding]:
    if "@" not in text and not re.search(r"(?i)\bat\b", text):
        return []
    found = [Finding("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    for m in _EMAIL_SPELT.finditer(text):
        found.append(Finding("email", m.start(), m.end(), m.group()))
    return found


# ---------------------------------------------------------------------------------------------
# Phone numbers

# Numbers that libphonenumber calls invalid but that are written like UK numbers: a trunk 0 or
# +44, then groups of digits. Nine or ten digits after the 0 or 44 are checked in code.
_PHONE_SHAPE = re.compile(
    r"(?<![\w+\]])(?:\(?(?:\+|00)\s?44\)?\s?(?:\(0\)\s?)?|\(?0)"
    r"\d{2,5}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d\[])"
)


def _phones(text: str) -> list[Finding]:
    if sum(c.isdigit() for c in text) < 9:
        return []
    found: list[Finding] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB"):
        before = text[match.start - 1 : match.start] if match.start else ""
        after = text[match.end : match.end + 1]
        # Not touching a placeholder, so that a redacted text never matches again.
        if before != "]" and after != "[":
            found.append(Finding("phone", match.start, match.end, match.raw_string))
    for m in _PHONE_SHAPE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        national = digits[2:] if digits.startswith("44") else digits
        if national.startswith("0044"):
            national = national[4:]
        national = national.removeprefix("0")
        if len(national) in (9, 10):
            found.append(Finding("phone", m.start(), m.end(), m.group()))
    return [_without_open_bracket(text, f) for f in found]


def _without_open_bracket(text: str, finding: Finding) -> Finding:
    """A number in brackets, "(07700 900123)", loses its opening bracket as it loses its
    closing one, so the placeholder stays in brackets; "(0161) 496 0000" keeps it."""
    if finding.text.startswith("(") and finding.text.count("(") > finding.text.count(")"):
        return Finding(
            finding.kind, finding.start + 1, finding.end, text[finding.start + 1 : finding.end]
        )
    return finding


# ---------------------------------------------------------------------------------------------
# NHS numbers

# Not joined by a hyphen to more digits ("...-2" is an ESR suffix), nor to a placeholder.
_NHS_SHAPE = re.compile(r"(?<![\w+\]])(?<![\d\]]-)(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d\[]|-[\d\[])")


def _nhs_numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _NHS_SHAPE.finditer(text):
        if is_valid_nhs_number(m.group(1) + m.group(3) + m.group(4)):
            found.append(Finding("nhs_number", m.start(), m.end(), m.group()))
    return found


# ---------------------------------------------------------------------------------------------
# Postcodes

# The full pattern: outward code (area letters, district) and inward code (sector digit, two
# unit letters that are never C, I, K, M, O or V). An outward code alone is not enough.
_POSTCODE = re.compile(
    r"(?<![\w\]])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? {0,2}\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)"
    r"(?![\w\[])",
    re.IGNORECASE,
)


def _postcodes(text: str) -> list[Finding]:
    return [Finding("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Staff numbers

# The word after a cue that says a number follows ("staff no.", "hospital number", "MRN ref").
_NUMBER_WORD = r"(?:numbers?|nos?\b\.?|num\b\.?|#|ids?\b|refs?\b)"
# A further number listed after the first: "ESR 1234567 and 7654321".
_LISTED = r"\s*(?:,|and|or|&)\s*"

_STAFF_CUE = re.compile(
    r"(?<![\w\]])(?:staff|employee|esr|assignment|payroll|badge|personnel|id|gmc|nmc|hcpc)"
    rf"(?:\s*(?:{_NUMBER_WORD}|codes?\b|pin\b))?"
    # Up to a few words between the cue and the number, but never across a sentence, another
    # number or a placeholder: that keeps a redacted text from matching again.
    r"[^\d.!?\n\[\]]{0,24}?(?<![\d-])(\d{6,8}(?:-\d{1,2})?)(?![\d\[-])",
    re.IGNORECASE,
)
_STAFF_MORE = re.compile(rf"{_LISTED}(\d{{6,8}}(?:-\d{{1,2}})?)(?![\d\[-])", re.I)
_ESR_ASSIGNMENT = re.compile(r"(?<![\w\]-])\d{8}-\d{1,2}(?![\w\[-])")
_NMC_PIN = re.compile(r"(?<![\w\]])\d{2}[A-Y]\d{4}[A-Z](?![\w\[])")


def _after_cues(text: str, kind: str, cue: re.Pattern[str], more: re.Pattern[str]) -> list[Finding]:
    """The number after each cue, and any listed after it: "ESR 1234567 and 7654321"."""
    found: list[Finding] = []
    for m in cue.finditer(text):
        found.append(Finding(kind, m.start(1), m.end(1), m.group(1)))
        at = m.end(1)
        while listed := more.match(text, at):
            found.append(Finding(kind, listed.start(1), listed.end(1), listed.group(1)))
            at = listed.end(1)
    return found


def _staff_numbers(text: str) -> list[Finding]:
    found = _after_cues(text, "staff_number", _STAFF_CUE, _STAFF_MORE)
    for pattern in (_ESR_ASSIGNMENT, _NMC_PIN):
        found.extend(
            Finding("staff_number", m.start(), m.end(), m.group()) for m in pattern.finditer(text)
        )
    return found


# ---------------------------------------------------------------------------------------------
# Patient numbers

# Hospital numbers and other local patient identifiers (the NHS number has its own rule): a
# cue, then letters and digits with at least five digits ("MRN 1234567", "hospital no.
# K123456", "patient ID 1234567890").
_PATIENT_ID = r"([A-Z]{0,3}\d{5,10}[A-Z]?)(?![\w\[-])"
_PATIENT_CUE = re.compile(
    r"(?<![\w\]])(?:(?:hospital|patient|unit|medical\s+record|case\s*notes?)\s*"
    rf"{_NUMBER_WORD}|mrn|hosp\s*no\b\.?)[\s:#.-]{{0,4}}(?<![\w-]){_PATIENT_ID}",
    re.IGNORECASE,
)
_PATIENT_MORE = re.compile(_LISTED + _PATIENT_ID, re.I)


def _patient_numbers(text: str) -> list[Finding]:
    return _after_cues(text, "patient_number", _PATIENT_CUE, _PATIENT_MORE)


# ---------------------------------------------------------------------------------------------
# Handles

# "@JohnSmith" on Teams or social media names a person as surely as "John Smith" does. Not the
# middle of an e-mail address (that rule finds the whole address), nor "@ 3pm".
_HANDLE = re.compile(r"(?<![\w.@\]])@[A-Za-z][\w.]{1,38}\w")


def _handles(text: str) -> list[Finding]:
    return [Finding("name", m.start(), m.end(), m.group()) for m in _HANDLE.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Names

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_TOKEN_OR_PLACEHOLDER = re.compile(
    "|".join([*(re.escape(p) for p in KINDS.values()), _TOKEN.pattern])
)
_PARTS = re.compile(r"['’\-]")
# Prefixes before a second capital in a surname (McCarthy, MacLeod, DeSouza).
_CAPITAL_PREFIX = re.compile(r"(?:Mc|Mac|Fitz|De|Di|Da|Le|La|Van|Von)\w+")
# Surnames with a prefix that is rarely anything but a surname.
_SURNAME_SHAPE = re.compile(r"(?:O['’]|Mc|Mac(?=[A-Z])|Fitz)[^\W\d_]+|\w+-[A-Z]\w+")
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
_SENTENCE_BREAK = re.compile(r"[.!?:;\n\"“‘(•*]|^-|\s-\s")
_CUE_GAP = re.compile(r"[ \t]*[,:]?[ \t]*")
_NAME_GAP = re.compile(r"[ \t]{1,2}")


@dataclass
class _Token:
    text: str  # the word as written, without a possessive 's
    start: int
    end: int
    lower: str
    gap_before: str  # the characters between the previous word and this one
    barrier: bool  # a placeholder left by an earlier redaction

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _tokens(text: str) -> list[_Token]:
    # A placeholder is one token, brackets and all, so the gap after "[NAME]" is the same as the
    # gap after the name it replaced.
    tokens: list[_Token] = []
    last = 0
    for m in _TOKEN_OR_PLACEHOLDER.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        barrier = word.startswith("[")
        if not barrier and len(word) > 3 and _POSSESSIVE.search(word):
            word, end = word[:-2], end - 2
        tokens.append(_Token(word, start, end, word.lower(), text[last:start], barrier))
        last = m.end()
    return tokens


def _fold(word: str) -> str:
    # Accents dropped, so "Lukasz" matches "Łukasz" and "Sinead" matches "Sinéad".
    word = word.translate(_FOLD_TABLE)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_FOLD_TABLE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def _dictionary() -> Iterable[str]:
    """The first names of gender-guesser's dictionary (docs/adr/0005-name-dictionary.md), or
    those given to ``first_names_from``."""
    if _other_dictionary is not None:
        return _other_dictionary
    # Imported here: the dictionary takes a fifth of a second to load, so only when first needed.
    from gender_guesser.detector import Detector

    return Detector().names


_other_dictionary: frozenset[str] | None = None


@contextmanager
def first_names_from(names: Iterable[str]) -> Iterator[None]:
    """Find names with another dictionary of first names while the block runs (to compare
    dictionaries); not for use while other threads redact."""
    global _other_dictionary
    _other_dictionary = frozenset(names)
    _forget_names()
    try:
        yield
    finally:
        _other_dictionary = None
        _forget_names()


def _forget_names() -> None:
    for cached in (_first_names, _is_first_name, _look_up):
        cached.cache_clear()


@cache
def _first_names() -> frozenset[str]:
    names = set(_dictionary())
    names |= {_fold(n) for n in names}
    names |= {n.capitalize() for n in _words(_EXTRA_FIRST_NAMES)}
    return frozenset(names)


@lru_cache(maxsize=65536)
def _is_first_name(word: str) -> bool:
    names = _first_names()
    candidate = word if word[:1].isupper() else word.capitalize()
    if candidate in names or _fold(candidate) in names:
        return True
    if "-" in candidate:
        parts = candidate.split("-")
        return all(
            p[:1].isupper() and (p in names or _fold(p) in names) and p.lower() not in _NEVER_NAMES
            for p in parts
        )
    return False


@lru_cache(maxsize=65536)
def _is_name_shaped(word: str) -> bool:
    """Capital then small letters in each part: Priya, O'Neill, Mensah-Bonsu, McCarthy."""
    for part in _PARTS.split(word):
        if not part[:1].isupper():
            return False
        if any(c.isupper() for c in part[1:]) and not _CAPITAL_PREFIX.fullmatch(part):
            return False
    return True


@dataclass(frozen=True)
class _Words:
    """What the word lists say about one word."""

    dated: bool  # a month, day or season
    blocked: bool  # never a name by itself
    ambiguous: bool  # a first name that is also a common word
    surname: bool
    first: bool  # a first name that is nothing else


@lru_cache(maxsize=65536)
def _look_up(word: str) -> _Words:
    lower = word.lower()
    dated = lower in _DATE_WORDS
    blocked = dated or lower in _NEVER_NAMES
    named = not blocked and _is_first_name(word)
    # A first name that is also a frequent word ("Ask", "Ring") needs more evidence, whichever
    # dictionary it came from.
    ambiguous = lower in _AMBIGUOUS or (named and lower in _ENGLISH_WORDS)
    return _Words(dated, blocked, ambiguous, lower in _SURNAMES, named and not ambiguous)


class _NameFinder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.words = [_look_up(t.text) for t in self.tokens]
        self.taken: set[int] = set()
        self.spans: list[tuple[int, int]] = []

    # -- context --------------------------------------------------------------------------

    def at_sentence_start(self, i: int) -> bool:
        return i == 0 or bool(_SENTENCE_BREAK.search(self.tokens[i].gap_before))

    def joined(self, i: int, gap: re.Pattern[str] = _NAME_GAP) -> bool:
        """Whether token i follows token i-1 with only a short gap of the given shape."""
        return i > 0 and gap.fullmatch(self.tokens[i].gap_before) is not None

    def lower_at(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def cue_before(self, i: int) -> bool:
        if not self.joined(i, _CUE_GAP) or self.tokens[i - 1].barrier:
            return False
        word = self.tokens[i - 1].lower
        if word in _CUES:
            return True
        return self.joined(i - 1) and (self.lower_at(i - 2), word) in _CUE_PAIRS

    def title_before(self, i: int) -> str:
        """'short' after Dr, Mr and the like, 'role' after Sister, Nurse and the like."""
        if i == 0:
            return ""
        before = self.tokens[i - 1]
        gap = self.tokens[i].gap_before
        if before.lower in _SHORT_TITLES and gap in (" ", ". ", "  ", "."):
            return "short"
        if before.lower in _ROLE_TITLES and before.capitalised and gap == " ":
            return "role"
        return ""

    def place_after(self, j: int) -> bool:
        k = j + 1
        if k >= len(self.tokens) or not self.joined(k):
            return False
        after = self.tokens[k]
        if after.capitalised:
            return after.lower in _PLACE_WORDS
        return after.lower in _PLACE_WORDS_LOWER

    def in_code(self, i: int) -> bool:
        # A word touching a digit, underscore or slash is part of a code or identifier.
        t = self.tokens[i]
        before = self.text[t.start - 1 : t.start] if t.start else ""
        after = self.text[t.end : t.end + 1]
        return any(c.isdigit() or c in "_/\\[]" for c in before + after)

    def in_brackets_alone(self, i: int) -> bool:
        t = self.tokens[i]
        return t.gap_before.rstrip(" ").endswith("(") and self.text[t.end : t.end + 1] == ")"

    def place_before(self, i: int) -> bool:
        return self.joined(i, re.compile(r"\.? {1,2}")) and self.tokens[i - 1].lower in _PLACE_LEAD

    # -- what a word can be -----------------------------------------------------------------

    def usable(self, i: int) -> bool:
        t = self.tokens[i]
        return i not in self.taken and not t.barrier and len(t.text) > 1 and not t.text.isupper()

    def surname_like(self, i: int) -> bool:
        """Whether token i can continue a name already begun."""
        if i >= len(self.tokens) or not self.usable(i) or not self.joined(i):
            return False
        t, w = self.tokens[i], self.words[i]
        if not t.capitalised or not _is_name_shaped(t.text):
            return False
        if t.lower in _PLACE_WORDS:
            return False
        return w.surname or bool(_SURNAME_SHAPE.fullmatch(t.text)) or not w.blocked

    def unknown(self, i: int) -> bool:
        """A capitalised, name-shaped word that no list knows."""
        t, w = self.tokens[i], self.words[i]
        return (
            t.capitalised
            and _is_name_shaped(t.text)
            and not (w.blocked or w.ambiguous or w.first or w.surname)
            and t.lower not in _ENGLISH_WORDS
        )

    def english_pair(self, i: int) -> bool:
        pair = f"{self.tokens[i].lower} {self.tokens[i + 1].lower}"
        return _ENGLISH_ENDING.search(pair) is not None

    def lower_first(self, i: int) -> bool:
        t, w = self.tokens[i], self.words[i]
        return not t.capitalised and len(t.text) > 2 and w.first

    def lower_surname(self, i: int) -> bool:
        if i >= len(self.tokens) or not self.usable(i) or not self.joined(i):
            return False
        t, w = self.tokens[i], self.words[i]
        return not t.capitalised and w.surname and not w.blocked and not w.ambiguous

    # -- spans ------------------------------------------------------------------------------

    def extend(self, i: int, *, lower: bool = False) -> int:
        """The last token of a name that starts at token i."""
        j = i
        while j - i < 4:
            k = j + 1
            if k < len(self.tokens) and self.joined(k) and self.tokens[k].lower in _PARTICLES:
                if self.surname_like(k + 1) or (
                    self.tokens[k].lower == "van" and self.lower_at(k + 1) in _PARTICLES
                ):
                    j = k
                    continue
                break
            if (
                self.lower_surname(k)
                if lower
                else (self.surname_like(k) and not self.words[k].dated)
            ):
                j = k
            else:
                break
        return j

    def take(self, i: int, j: int) -> None:
        self.taken.update(range(i, j + 1))
        self.spans.append((self.tokens[i].start, self.tokens[j].end))

    # -- rules -----------------------------------------------------------------------------

    def find(self) -> list[tuple[int, int]]:
        for i, t in enumerate(self.tokens):
            if i in self.taken or t.barrier:
                continue
            if len(t.text) == 1 and t.text.isupper():
                self.try_initial(i)
            elif t.text.isupper():
                self.try_capitals(i)
            elif self.usable(i):
                self.try_token(i)
        self.take_lists()
        return self.spans

    def try_token(self, i: int) -> None:
        t, w = self.tokens[i], self.words[i]
        title = self.title_before(i)
        if title:
            # A title is never itself redacted ("Staff Nurse", "Dr Dr"): the words after it are
            # read as following a title whether or not it was.
            if t.lower in _FUNCTION_WORDS or t.lower in _TITLES:
                return
            if not t.capitalised and title == "role":
                return
            if title == "role" and w.blocked and not w.surname and not w.first:
                return
            if title == "short" and w.blocked and not (t.capitalised and w.surname):
                # After "Mr" a surname that is also a word ("Mr Green") is still a name.
                return
            self.take(i, self.extend(i, lower=not t.capitalised))
            return
        if not t.capitalised:
            self.try_lower(i)
            return
        if self.place_before(i) or self.in_code(i):
            return
        if not _is_name_shaped(t.text):
            # Korean and some Chinese given names are written "Hyun-woo": only after a cue.
            if _HYPHENATED_GIVEN.fullmatch(t.text) and (
                self.cue_before(i) or self.before_surname(i)
            ):
                self.take(i, self.extend(i))
            return
        j = self.name_at(i)
        if j >= 0 and not self.place_after(j):
            self.take(i, j)

    def name_at(self, i: int) -> int:
        """The last token of a name starting at capitalised token i, or -1 for none."""
        w = self.words[i]
        start = self.at_sentence_start(i)
        if w.dated:
            # "April Jones" is a name, "in May" and "Sunday" are not.
            if self.lower_at(i - 1) in _DATE_LEAD or not self.surname_like(i + 1):
                return -1
            if self.words[i + 1].dated:
                return -1
            return self.extend(i) if self.words[i + 1].surname or self.unknown(i + 1) else -1
        if w.blocked:
            return -1
        if w.first:
            j = self.extend(i)
            if j == i and start and self.lower_at(i + 1) in _OBJECTS and self.joined(i + 1):
                # "Read the guide", "Tell us": a verb that is also in the dictionary of names.
                return -1
            return j
        if w.ambiguous:
            return self.ambiguous_at(i, start)
        if w.surname:
            return self.extend(i)
        if not self.unknown(i):
            # A frequent English word: "Ring Priya" is an instruction, not a name.
            return -1
        if self.cue_before(i) or self.before_surname(i):
            return self.extend(i)
        if i + 1 < len(self.tokens) and self.joined(i + 1) and self.lower_at(i + 1) in _SAYING:
            return i
        return -1

    def before_surname(self, i: int) -> bool:
        """Whether the word after token i makes the two a name: a known first name or surname,
        a surname's shape, or another word no list knows that does not end like English."""
        if not self.surname_like(i + 1):
            return False
        following = self.words[i + 1]
        if following.surname or following.first:
            return True
        if _SURNAME_SHAPE.fullmatch(self.tokens[i + 1].text):
            return True
        return self.unknown(i + 1) and not self.english_pair(i)

    def ambiguous_at(self, i: int, start: bool) -> int:
        # Words such as Will, Grace or Mark: a name with a surname, after a cue, before a verb
        # of saying or doing, or capitalised in mid-sentence; otherwise the ordinary word.
        if self.cue_before(i):
            return self.extend(i)
        if self.in_brackets_alone(i):
            # "our band 7 (Mark) blocks every request": a name given in brackets.
            return i
        if self.surname_like(i + 1):
            following = self.words[i + 1]
            if (
                start
                and self.lower_at(i) not in _AMBIGUOUS
                and (following.first or following.ambiguous)
            ):
                # A frequent word that a dictionary also lists as a name, then a first name,
                # is the word: "Ask Grace", "Ring Gail" (but "Fortune Okafor" is a name).
                return -1
            if (
                start
                and self.lower_at(i) in _MODALS
                and (self.words[i + 1].first or self.lower_at(i + 2) in _BARE_VERBS)
            ):
                return -1
            return self.extend(i)
        if i + 1 < len(self.tokens) and self.joined(i + 1) and self.lower_at(i + 1) in _NAME_VERBS:
            return i
        return -1 if start else i

    def try_lower(self, i: int) -> None:
        # Lower case: a first name after a cue or before a surname ("ask priya", "mohammed
        # ali"), or a surname after a cue ("my manager sharma").
        first = self.lower_first(i) and (self.cue_before(i) or self.lower_surname(i + 1))
        if first or (self.cue_before(i) and self.lower_surname(i)):
            self.take(i, self.extend(i, lower=True))

    def try_initial(self, i: int) -> None:
        t = self.tokens[i]
        dotted = self.text[t.end : t.end + 1] == "."
        if t.text in ("A", "I") and not dotted:
            return
        k = i + 1
        if k >= len(self.tokens) or self.tokens[k].gap_before not in (" ", ". ", "."):
            return
        if (
            self.usable(k)
            and self.tokens[k].capitalised
            and (self.words[k].surname or self.unknown(k))
        ):
            j = self.extend(k)
            if not self.place_after(j):
                self.take(i, j)

    def try_capitals(self, i: int) -> None:
        # In capitals, only a first name and a surname ("PRIYA SHARMA") or a surname after a
        # title ("DR OKAFOR"): never "NHS EPR" or "WILL THIS WORK".
        word = self.tokens[i].text.capitalize()
        if len(word) < 3:
            return
        if self.title_before(i) == "short" and self.surname_in_capitals(word):
            self.take(i, i)
            return
        k = i + 1
        if k >= len(self.tokens) or not self.joined(k) or self.tokens[k].barrier:
            return
        following = self.tokens[k].text
        if (
            following.isupper()
            and _look_up(word).first
            and self.surname_in_capitals(following.capitalize())
        ):
            self.take(i, k)

    @staticmethod
    def surname_in_capitals(word: str) -> bool:
        w = _look_up(word)
        if len(word) < 3 or w.blocked:
            return False
        return w.surname or (not w.ambiguous and word.lower() not in _ENGLISH_WORDS)

    def take_lists(self) -> None:
        # "Priya and Grace", "Karen, Dave and Lucy": a first name listed with a name is a name.
        starts = {self.tokens[i].start for i in self.taken}
        ends = {self.tokens[i].end for i in self.taken}
        changed = bool(self.taken)
        while changed:
            changed = False
            for i in range(len(self.tokens)):
                if not self.usable(i) or not self.tokens[i].capitalised:
                    continue
                w = self.words[i]
                if (w.first or w.ambiguous) and self.listed_with(i, starts, ends):
                    j = self.extend(i)
                    self.take(i, j)
                    starts.add(self.tokens[i].start)
                    ends.add(self.tokens[j].end)
                    changed = True

    def listed_with(self, i: int, starts: set[int], ends: set[int]) -> bool:
        t = self.tokens[i]
        gap = t.gap_before.strip()
        if i >= 1 and gap in (",", "&") and self.tokens[i - 1].end in ends:
            return True
        if i >= 2 and self.lower_at(i - 1) in ("and", "or") and self.tokens[i - 2].end in ends:
            return self.joined(i) and self.joined(i - 1)
        if i + 1 < len(self.tokens):
            after = self.tokens[i + 1]
            if after.gap_before.strip() in (",", "&") and after.start in starts:
                return True
            if (
                after.lower in ("and", "or")
                and i + 2 < len(self.tokens)
                and self.tokens[i + 2].start in starts
            ):
                return self.joined(i + 1) and self.joined(i + 2)
        return False


def _names_around(text: str, structured: list[Finding]) -> list[Finding]:
    # Names are looked for in the text as it will read once the other kinds are replaced, so
    # that a redacted text gives the same answer as the original: placeholders are barriers.
    masked = _replace(text, structured)
    ends: list[int] = []  # where each placeholder ends in the masked text
    offsets: list[int] = []  # and how far the original text after it is shifted
    offset = 0
    for f in structured:
        offset += (f.end - f.start) - len(KINDS[f.kind])
        ends.append(f.end - offset)
        offsets.append(offset)
    found: list[Finding] = []
    for start, end in _NameFinder(masked).find():
        before = bisect.bisect_right(ends, start)
        shift = offsets[before - 1] if before else 0
        found.append(Finding("name", start + shift, end + shift, text[start + shift : end + shift]))
    return found


# ---------------------------------------------------------------------------------------------
# Word lists. Words are lower case; each list says why it exists.


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Titles kept in front of the placeholder: "Dr [NAME]".
_SHORT_TITLES = _words("dr mr mrs ms miss mx prof mstr cllr rev revd fr")
_ROLE_TITLES = _words(
    "sister nurse matron sir dame professor doctor father lady lord reverend councillor "
    "captain midwife"
)
_TITLES = _SHORT_TITLES | _ROLE_TITLES

# Words before a name that say who the person is: "my manager Priya", "ask Grace".
_CUES = _words(
    """
    called named ask asked asking thank thanks cheers hi hello hey dear dearest regards
    wishes love colleague colleagues manager managers mentor supervisor preceptor buddy
    consultant registrar matron hca hcas porter paramedic receptionist clerk housekeeper physio
    physiotherapist pharmacist technician midwife gp lead leader champion trainer tutor educator
    coordinator administrator admin secretary assistant director officer worker volunteer
    student apprentice friend husband wife partner son daughter mum mother dad father brother
    sister aunt uncle cousin nurse doctor surgeon therapist practitioner associate analyst
    engineer member boss deputy chair governor rep representative guardian navigator
    facilitator sonographer radiographer dietitian optometrist dentist carer
    """
)
_CUE_PAIRS = frozenset(
    [
        (w, "to")
        for w in _words(
            "thanks thank grateful out talk talked spoke speak speaking talking go went refer "
            "email emailed ring rang text texted message messaged"
        )
    ]
    + [
        (w, "with")
        for w in _words(
            "work worked working training trained spoke speak session sessions shadowing "
            "shadowed sat meeting met"
        )
    ]
    + [
        (w, "by")
        for w in _words(
            "trained taught run led delivered written made organised supported helped shown"
        )
    ]
    + [("thank", "you"), ("i", "am"), ("name", "is"), ("called", "is")]
)

# A name and the verb after it, which tells Will the person from "Will this work?".
_NAME_VERBS = _words(
    """
    said says told tells asked asks showed shows helped helps explained explains taught teaches
    trained trains wrote writes suggested suggests made makes set sets runs ran leads led fixed
    fixes sorted sorts knows knew thinks thought wants wanted emailed rang called messaged
    replied is was has had who works worked came comes went goes gave gives sent sends did does
    stayed organised built created recommended uses used loves
    """
)
# Verbs after a word no list knows that make it a name: "Apinya said".
_SAYING = _words(
    """
    said says told tells asked asks showed shows helped helps explained explains taught
    teaches trained wrote suggested emailed rang messaged replied stayed organised recommended
    thinks thought knows knew reckons
    """
)
_MODALS = _words("will may")
_OBJECTS = _words(
    "the a an it its this that these those us me them him her your our my if all some any "
    "every each more less yourself yourselves"
)
# Two unknown capitalised words in mid-sentence are taken for a name unless one of them ends
# like an English word: "Reference Manual", "Rights Reserved", "Patient Experience".
_ENGLISH_ENDING = re.compile(
    r"(?:tion|sion|ment|ments|ness|ity|ities|ance|ence|ancy|ency|ing|ings|ed|ous|ive|ives|able|"
    r"ible|ical|ics|ism|ist|ists|ure|ures|ship|ful|less|ly|ogy|ise|ize|ator|ators|ery|ory|ary|"
    r"ies|sses|tor|tors|ware|book|books|day|days|work|works|base|point|net|hub|line|care)\b"
)
_BARE_VERBS = _words(
    """
    be have get need come do go help bring send check run share look take make know let please
    still also not ever really come sign log use
    """
)
_PARTICLES = _words(
    "de da das do dos du van von der den del della di le la bin binti ibn al el ter ten"
)
_PLACE_LEAD = _words("st saint queen king prince princess port mount mt lake cape christmas new")
_DATE_LEAD = _words(
    "in on by of during since until till from last next this early late mid end every each "
    "before after through throughout"
)

# Words after a name that make it a place or a thing: "Victoria ward", "Elm Grove".
_PLACE_WORDS = _words(
    """
    ward wards hospital hospitals unit units centre center building house wing suite lodge court
    road street lane avenue close drive way crescent place gardens grove terrace park square
    station line bridge hall room theatre theatres clinic practice surgery medical health campus
    library college school university infirmary trust hospice site block annexe memorial
    institute foundation award awards fund lecture prize scale score syndrome disease test
    method model protocol tool pathway rota team
    """
)
_PLACE_WORDS_LOWER = _words(
    """
    ward wards hospital unit units centre building house wing suite lodge road street lane
    avenue clinic surgery practice hospice theatre syndrome disease team scale score test palsy
    index criteria classification method manoeuvre sign tool programme scheme award fellowship
    lecture review report foundation
    """
)

_DATE_WORDS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday spring summer autumn winter easter christmas mon tue tues wed weds thu
    thur thurs fri sat sun
    """
)

# First names that are also common words: names only with more evidence.
_AMBIGUOUS = _words(
    """
    will mark grace hope faith joy rose bill chase patience precious mercy charity dawn amber
    ruby jade holly ivy lily daisy heather iris violet hazel olive pearl crystal sunny honey
    penny robin frank rich pat sue don drew ray gene bob jack nick rob art guy dean earl lance
    grant miles cliff glen brook river storm rain destiny harmony melody unity liberty justice
    trinity genesis blessing comfort gift goodness favour sterling reed wade hunter chance
    victory eve kit bliss glen dean earl lance wade rex mel hal vic gill clement marshall
    mason hunter herb buddy flora valentine penny amber ivy melody harmony destiny liberty
    charity precious jade willow meadow laurel sunny honey belle eden raven sage sterling venus
    reed justice gene cliff
    """
)

_FUNCTION_WORDS = _words(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among an and another any anybody anyone anything anyway anywhere are
    around as at back be became because become been before behind being below beside besides
    between beyond both but by can cannot could did do does doing done down during each either
    else enough etc even ever every everybody everyone everything everywhere few for from
    further had has have having he hence her here hers herself him himself his how however i if
    in indeed into is it its itself just least less lest like many may maybe me meanwhile might
    mine more moreover most mostly much must my myself namely neither never nevertheless next no
    nobody none nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please quite rather really same
    several shall she should since so some somebody someone something sometimes somewhere still
    such than that the their theirs them themselves then there thereafter therefore these they
    this those though through throughout thus to together too toward towards under until unless
    up upon us very via was we well were what whatever when whenever where whereas wherever
    whether which while who whoever whole whom whose why will with within without would yet you
    your yours yourself yourselves yes ok okay hi hello hey dear thanks thank cheers regards
    kind best wishes sincerely sorry
    """
)

# Common English words that are also in the dictionary of first names, or that start sentences
# and headings in what staff write: never a name on their own.
_COMMON_WORDS = _words(
    """
    able absolutely access account accounts actually add added admin advanced advice after age
    agency agenda ago aid aide alert alien ally alpha also alter am amazing ambulance america
    analyst angel annual anti app apps april area art asset associate associates august
    available award baby back bad ban band bang bank baron bay be beat beautiful bed bee beer
    bell belle bent berry best bet better big bin black bleep blue board body bold bone boost
    bore boss both boy brain brand brave brief bright brilliant brook brown buck bud buddy buzz
    call calm can cap cape car card care career carers carry cat central chair champion
    champions chance change chief child children chin chip christian church city civil clay
    clear clinical close coach code coin cold colt come common community con constant control
    cool coral cord core could council course court cover crown cure daily dare data day days
    deal dear deep delivery desk desire destiny diamond diet digital director disability
    district doc dog done door dot down drama dream duke duo each early ear east easy edit
    education elder emergency emerald end england english era essence estates even ever every
    evidence excellent extra fa fair fairy faith fan fancy fast fee few file final finance
    fine first five flip floor flow fly focus for forest form forms four free fresh fried
    friend from fun future gain gang gap gay gen general gentle giant gift glad global go gold
    golden good grand gray great green group guide gun hale half hall hang happy hard harm
    hat haven hay head health healthcare hello help her here hero high his hit home honest
    honestly honey honor honour hope hour hours huge hung ice ideal ill im improvement in
    infection information innocent intensive ion it item ivory jet job joke just keen key
    kick kin king kite lab lap large last late lead leader lean learning left level lie lies
    light line lion little live local lone long lord lot loud love loyal lucky main major
    make man manager mall mar mare marine market marks marry master mate matron may medical
    mental mentor merge merit merry middle mile miles mind mine miracle mist mobile modern
    moon more morning most much music my na nail name national navy near neat nest net new
    news nice nickel night nine no noble nobody none north nova novel now nurse nurses oak odd
    of off office officer oh ok okay old on one only open oral our out over pace pal pan park
    part pastor patient patients peace peer pen people per perfect petty phoenix pie pier pile
    pin pit plan plus point polo poor porter post power practice practitioner pretty prime
    prince princess pro project proud public pure quick quiet radio raid rail rain ram ran
    range rapid raven real red regional register rest rich right rip river road rock roman
    romans room round royal rush sad safe safety sage said saint sale same save say says
    school second secure senior service services set shadow shall share sharp short shy silver
    simple sin sir sister site six skip sky slave slim small smart so social solo some song
    soon sound south spare special specialist spring staff star start state still stone storm
    story strong student study sub summer sun sunny sunshine super support sure swan system
    systems tale tan tea team teams ten test thanks the then there these they thin third this
    three tie till tin tiny today tone top total tower town trace track trade training tram
    tri trust truth two union unit unity urban us valve vessel via vice visa vital wall want
    ward water way we week welcome well west white who why wide will win wing winter wise wit
    with wolf wonder word work worker world yes yet you young your youth zone
    assistant assistants apprentice apprenticeship administrator adviser advisor analyst
    bed beds cardiac clinic clinics consultant consultants coordinator critical department
    developer development diabetes dementia discharge doctor doctors educator engineer
    facilitator fellow flow frailty governance governor grade head human inpatient inpatients
    junior learning maternity midwife midwives neonatal network officer oncology outpatient
    outpatients palliative paramedic paramedics pathology pharmacy pharmacist physician
    prevention principal programme quality radiology receptionist registrar renal resources
    respiratory scientist secretary stroke surgeon surgical technician therapist trainee
    tissue viability volunteer forum meeting session sessions course courses passport
    portal hub academy champion network skills skill literacy inclusion transformation
    informatics innovation record records handover handovers observations pilot launch
    rollout upgrade login password smartcard email inbox mailbox template templates
    dashboard dashboards report reports spreadsheet policy procedure guidance induction
    appraisal rotation rostering roster rotas shift shifts bank agency locum locums nights
    days weekend weekends morning afternoon evening tonight tomorrow yesterday
    good great awesome brilliant excellent fantastic lovely useful helpful happy sad
    although sadly luckily hopefully honestly frankly basically personally obviously clearly
    generally mostly usually often sometimes never always maybe perhaps definitely
    """
)

# Words that the dictionary of first names also lists, though they are far more often words.
_COMMON_WORDS |= _words(
    """
    the in to he on his you an be are my one me said so can just do made than don way even de
    long man go won here take march general line art young red tell german run free non co per
    am soon done rock win floor ran mi deep oh else lot boy stone fine bay christian queen mine
    okay sun job novel roman key nine van prince silver forest ice gun ago wing chance le anti
    el spring vice trees judge lies era save drew marine gray grey urban honor grant solo price
    haven storm brain fair santa moon carry tone bell rail en brand ear core princess lane les
    lie wolf tiny ad desire christ ward da angel thin un hey cat sub ep aren lap ma hung chase
    lucky file constant hero beer chin loan fan rush tie tea gay clay baron marry kick odd
    vessel bent ah ye diamond il sang pace sad alpha na bet slave mall pit mate duo nova rocky
    hang jet fa tale manor lion noble islam innocent autumn ferry ties ban pen alien se harm fee
    baptist ho hi trace cliff martial ideal sierra sa merit drake uh ok bin ya chuck dare min
    raid peer lean ram joke sin ce marvel harsh bore pile stern ba oral diet sake fairy loyal
    gen vital nest chip tan ni pastor pin dee aria er visa con hardy herald tore tin mo chi ally
    ap miracle bang tang doc im nato edit buck ion ton cal stole pier lone berry bee su ka
    swan tu valve alto fe que arcade ra velvet rip hay coral polo dot mist ab iso flip essence
    pie alma lang ki asset rim freeman oz alter cam ivory din cord petty slim toe salmon fu shi
    piper mare roar mon shin saga sen tram owe buzz kin merry viking bud tri fried hale arise
    marquis po lil mat skip phi merge gore ave lyric jewel ing nail ku jeep sol emerald pal ti
    aide gal ou maze nickel ri ale wit mans ants gala ge due tab hue redo prune read page hunt
    mills bird frost sharp banks cross day hall hill wood king baker cook ball fox ford west
    green white brown black walker fisher butler carter cooper potter miller parker knight
    bishop marsh heath moss bond church booth chambers burns wells bates law best fry golden
    love rich noble north south east summers winters spring brooks fields field lake pool
    """
)

# Nouns that start the names of programmes, reviews and documents ("Topol Review"), and
# nationalities and languages ("training in Thai").
_COMMON_WORDS |= _words(
    """
    review society programme scale score strategy plan standard standards framework charter
    toolkit guide week month year award campaign initiative project pilot committee panel
    group forum partnership alliance collaborative fund institute association federation
    commission authority department directorate division hub portal platform assessment audit
    survey inquiry act law policy pledge promise vision mission values approach bundle
    checklist chart index register list database directory archive catalogue fellowship
    scholarship medal conference summit event festival celebration maturity security freedom
    speak follow initiated society syndrome palsy disease scheme leaflet leaflets
    thai polish somali nepali turkish urdu punjabi bengali gujarati hindi tamil arabic
    tagalog filipino portuguese spanish french italian romanian ukrainian russian chinese
    mandarin cantonese vietnamese korean japanese yoruba igbo twi shona swahili amharic
    tigrinya farsi persian pashto dari kurdish greek hungarian czech slovak lithuanian
    latvian bulgarian albanian welsh scottish irish british african asian caribbean european
    indian pakistani bangladeshi nigerian ghanaian zimbabwean kenyan jamaican
    """
)

# Organisations, systems and products staff name in passing.
_ORGANISATIONS = _words(
    """
    nhs trust trusts foundation hospital hospitals infirmary university college clinic centre
    center practice surgery ward wards unit service services board council icb icbs ics health
    care team teams microsoft excel word outlook powerpoint onedrive sharepoint onenote forms
    windows office google apple android iphone ipad zoom skype whatsapp youtube facebook
    twitter linkedin instagram tiktok alexa siri cortana copilot chatgpt gemini epic cerner
    oracle millennium systmone emis vision lorenzo rio careflow nervecentre datix ulysses
    allocate healthroster loop esr eroster medchart meditech sunquest vocera docman accurx
    patchs ardens badgernet badger pacs sectra philips agfa siemens dell citrix imprivata spine
    nhsmail futurenhs moodle totara kallidus slack trello jira sky amazon kindle netflix bbc
    nice cqc hee dhsc ukhsa gmc nmc hcpc rcn unison gmb bma rcm nhsx nhse digital academy
    improvement education python java linux unix kindle fitbit chrome edge safari firefox klinik
    lexacom dragon trakcare medway winpath carenotes patientrack extramed maxims silverlink
    graphnet orion cosmic evolve bluestream jac babylon
    """
)

# Places that are also first names or surnames, and places named in NHS organisations.
_PLACES = _words(
    """
    london manchester birmingham leeds liverpool sheffield bristol newcastle nottingham leicester
    coventry bradford stoke wolverhampton plymouth southampton portsmouth derby reading luton
    preston blackpool bolton bury oldham rochdale salford stockport tameside trafford wigan
    wythenshawe warrington chester crewe lancaster carlisle kendal barrow durham sunderland
    gateshead middlesbrough darlington hartlepool york hull harrogate scarborough wakefield
    barnsley doncaster rotherham huddersfield halifax dewsbury lincoln boston grantham norwich
    ipswich colchester chelmsford southend cambridge peterborough oxford swindon bath exeter
    torbay truro taunton yeovil gloucester cheltenham worcester hereford shrewsbury telford
    stafford walsall dudley sandwell solihull warwick nuneaton rugby northampton kettering
    bedford watford stevenage harlow basildon dartford maidstone canterbury ashford folkestone
    brighton hastings eastbourne worthing chichester crawley guildford woking kingston croydon
    bromley lewisham greenwich barnet enfield harrow ealing hounslow hillingdon camden
    islington hackney newham barking romford ilford whitechapel chelsea fulham hammersmith
    lambeth southwark wandsworth merton sutton richmond brent westminster kent surrey sussex
    essex devon cornwall dorset somerset wiltshire berkshire hampshire norfolk suffolk
    lincolnshire yorkshire lancashire cumbria cheshire merseyside derbyshire
    nottinghamshire leicestershire staffordshire shropshire herefordshire worcestershire
    warwickshire oxfordshire buckinghamshire hertfordshire bedfordshire cambridgeshire
    northumberland tyne wear humber dales lakes midlands england scotland wales ireland
    britain uk europe edinburgh glasgow aberdeen dundee inverness cardiff swansea newport
    wrexham bangor belfast derry dublin cork india pakistan bangladesh nigeria ghana kenya
    zimbabwe philippines poland romania portugal spain italy france germany china hong kong
    jamaica australia canada america paris rome israel
    """
)

# Every word that is never a name by itself (months and days are kept apart: "April Jones",
# and so are the first names that are also words: "Grace", "Will").
_NEVER_NAMES = (
    _FUNCTION_WORDS
    | _COMMON_WORDS
    | _ORGANISATIONS
    | _PLACES
    | _PLACE_WORDS
    | _TITLES
    | _PLACE_LEAD
) - _AMBIGUOUS

# Frequent English words, so that a capitalised word is not taken for an unknown name because
# no other list has it ("Return True", "Use Text"). They are the 8,000 most frequent whole words
# of the BERT uncased WordPiece vocabulary (Apache 2.0), less every word the first-name
# dictionary or the surname and first-name lists here know, the words listed above and a few
# vulgar ones.
_ENGLISH_WORDS = _words(
    """
    abandon abandoned abbot abc abilities ability aboard abolished aboriginal abortion abroad
    abruptly absence absent absolute absorbed abstract abuse academic accent accept acceptance
    accepted accepting accessible accident accidentally acclaim acclaimed accommodate
    accommodation accompanied accompanying accomplished accordance according accounting
    accredited accuracy accurate accused ace achieve achieved achievement achievements
    achieving acid acknowledged acoustic acquire acquired acquisition acre acres acted acting
    action actions activated active actively activist activists activities activity actor
    actors actress acts actual acute adaptation adapted adding addition additional additionally
    address addressed adds adjacent adjusted administered administration administrative admiral
    admission admit admitted adopt adopted adoption adult adults advance advances advancing
    advantage adventure adventures advertising advised advisory advocate aerial afc affair
    affairs affect affected affiliate affiliated afford afghanistan afl afraid africa aftermath
    afterward aged agencies agent agents ages aggregate aggressive agree agreed agreement
    agreements agrees agricultural agriculture ahead aids aim aimed aims air airborne aircraft
    aired airfield airing airline airlines airport aka alabama alarm alaska albania albany
    album albums alcohol algebra algeria algorithm alike alive allegations alleged allegedly
    alley allied allies allmusic allocated allow allowed allowing allows alongside alpine
    alright altar altered alternate alternative altitude altogether alumni amateur ambassador
    amendment american americans americas ammunition amongst amount amounts amsterdam amusement
    analysis ancestors ancestry anchor ancient angeles angels anger angle anglican anglo angry
    animal animals animated animation anime ankle anniversary announced announcement annually
    anonymous answer answered answering answers antarctic anthology anticipated anticipation
    anxiety anxious anymore apart apartment apartments apparent apparently appeal appeals
    appear appearance appearances appeared appearing appears application applications applied
    apply applying appointed appointment appreciate approached approaches approaching
    appropriate approval approved approximately arab arabia arc arch archaeological archbishop
    arched archer architect architects architectural architecture archived archives arctic
    areas arena argue argued argues arguing argument arguments arizona arkansas arm armed
    armenia armenian armies armor armored armoured arms army arose arranged arrangement
    arrangements array arrest arrested arrival arrive arrived arrives arriving arrow arsenal
    article articles artifacts artificial artillery artist artistic artists arts artwork ash
    ashes aside ask asked asking asks asleep aspect aspects assassination assault assembled
    assembly assets assigned assignment assist assistance assisted assists associated
    associations assume assumed assuming assumption assured asylum athens athlete athletes
    athletic athletics atlanta atlantic atmosphere atomic atop attached attack attacked
    attacking attacks attempt attempted attempting attempts attend attendance attended
    attending attention attitude attorney attract attracted attraction attractive attributed
    auckland auction audience audiences audio auditorium aunt australian austria austrian
    author authored authorities authorized authors auto autobiography automatic automatically
    automobile autonomous auxiliary availability average averaged aviation avoid avoided
    avoiding awake awarded aware awareness away awful awkward axis azerbaijan babies bachelor
    backed background backing backs backup backward backwards bacteria badge badly bag bags
    balance baldwin ballet ballot balls baltic baltimore bands banking bankruptcy banned banner
    bar barcelona bare barely bark barn baronet baroque barracks barrel barrier bars base
    baseball based basement bases basic basin basis basket basketball bass bassist bat
    bathroom batman battalion battalions batteries battery batting battle battles bce beach
    beam bear beard bearing bears beast beaten beating beats beauty beck becomes becoming
    bedroom beetle began begin beginning begins begun behalf behavior behaviour beijing beings
    belgian belgium belgrade belief beliefs believe believed believes believing bells belly
    belong belonged belonging belongs beloved belt bench bend beneath benefit benefits bengal
    berkeley berlin beta bible biblical bicycle bid bigger biggest bike billboard billion bills
    binding biography biological biology birds birth birthday bishops bit bite bits
    bitter blacks blade blades blame blamed blank blanket blast bleeding blessed blew blind
    blinked blocked blocking blocks blog blond blonde blood bloody blow blowing blown blues
    boarding boards boat boats bodies boeing bolt bomb bombardment bomber bombers bombing bombs
    bonds bones bonus book books boom boot boots border bordered borders bored born borough
    bosnia bother bothered bottle bottles bottom bought boulevard bound boundaries boundary
    bounded bout bow bowed bowl bowling box boxer boxes boxing boyfriend boys branch branches
    branded brands brass brazil brazilian bread break breakfast breaking breaks breast breath
    breathe breathed breathing breed breeding breeze brick bride bridges briefly brigade
    brigadier bring bringing brings brisbane broad broadcast broadcasting broadcasts broadway
    broke broken bronze bros brother brothers brought brow brows brunswick brush brushed
    brussels budapest buddhism buddhist budget buenos buffalo build buildings built bulgaria
    bulk bull bullet bullets bunch burden bureau burial buried burma burn burned burning burnt
    burst bus buses bush business businesses businessman busy butt butterfly button buttons buy
    buying bye byzantine cab cabin cabinet cable cafe cage cairo cake calculated calendar
    calgary california called calling calls came camera cameras camp campaigns camps canadian
    canal cancelled cancer candidate candidates cannon canon canton canvas canyon capabilities
    capability capable capacity capita capital capitol caps capture captured carbon cardinal
    cardinals cards cared careers careful carefully cargo carnegie carnival carpenter carpet
    carriage carried carrier carriers carries carrying cars cart cartoon carved case cases cash
    casino cast casting castle casual casualties catch catches catching categories category
    cathedral catholic catholics cats cattle caught cause caused causes causing cavalry cave
    caves cbs cdp ceased cedar ceiling celebrate celebrated celebrity cell cello cells celtic
    cement cemetery census cent centered centers centres centuries century ceo ceremonies
    ceremony certain certainly certificate certification certified chain chains chairman chairs
    challenge challenged challenges challenging chamber championship championships chancellor
    chances changed changes changing channel channels chaos chapel chapter chapters character
    characteristic characteristics characterized characters charge charged charges charitable
    charleston charm charts cheap check checked checking cheek cheeks cheese chef chemical
    chemistry chess chest chicago chicken chiefs childhood chile chill chocolate choice choices
    choir choose choosing chorus chose chosen christianity christians chronicle chuckled
    churches churchill cia cigarette cincinnati cinema circle circles circuit circular
    circulation circumstances circus citation cited cities citing citizen citizens citizenship
    civic civilian civilians civilization claim claimed claiming claims clan class classes
    classic classical classics classification classified classroom clause claws clean cleaning
    cleared clearing clenched clerk client clients climate climb climbed climbing clock closed
    closely closer closest closet closing closure cloth clothes clothing cloud clouds club
    clubs clue cluster coached coaches coaching coal coalition coast coastal coat codes coffee
    cognitive cohen coins col collaborated collaboration collapse collapsed collar colleagues
    collect collected collecting collection collections collective collector colleges
    collegiate cologne colombia colonel colonial colonies colony color colorado colored colors
    colour coloured colours columbia column columns com combat combination combine combined
    comedian comedy comes comfortable comic comics coming command commanded commander
    commanders commanding commands commenced comment commentary commented comments commerce
    commercial commercially commissioned commissioner commit commitment committed committees
    commonly commons commonwealth commune communicate communication communications communist
    communities compact companies companion company compared comparison compensation compete
    competed competing competition competitions competitive competitors compilation compiled
    complained complaints complete completed completely completing completion complex
    complicated component components composed composer composers composition compositions
    compound compounds comprehensive comprises comprising computer computers computing
    conceived concentrate concentrated concentration concept concepts concern concerned
    concerning concerns concert concerto concerts concluded conclusion concrete condemned
    condition conditions conduct conducted conducting conductor confederate confederation
    conferences confidence confident configuration confirmed conflict conflicts confused
    confusion congo congregation congress congressional conjunction connect connected
    connecticut connecting connection connections connects conquered conquest conscious
    consciousness consecutive consensus consent consequence consequences consequently
    conservation conservative consider considerable considerably consideration considered
    considering considers consist consisted consistent consistently consisting consists console
    consolidated conspiracy constantly constituency constitution constitutional construct
    constructed construction consulting consumed consumer consumers consumption contact
    contacts contain contained containing contains contemporary content contents contest
    contestant contestants contested context continent continental continue continued continues
    continuing continuous continuously contract contracted contracts contrary contrast
    contribute contributed contributing contribution contributions controlled controller
    controlling controls controversial controversy convent convention conventional conversation
    conversations conversion convert converted convicted conviction convince convinced convoy
    cooking cooperation cooperative cop copa copenhagen copies copper cops copy copyright corn
    corner corners corporate corporation corps correct correctly correspondence correspondent
    corresponding corridor corruption cost costs costume cottage cotton couch couldn councils
    counsel count counted counter counties counting countries country countryside counts county
    coup couple coupled couples courage courthouse courts courtyard cousin coverage covered
    covering covers cow crack cracked craft crane crash crashed crater crazy cream create
    created creates creating creation creative creator creature creatures credit credited
    credits creek crest crew crews cricket cricketer cried crime crimes criminal crimson crisis
    criteria critic critically criticised criticism criticized critics croatia croatian crop
    crops crossed crosses crossing crow crowd crowded crowned crucial cruel cruise cruiser
    crush crushed cry crying cuba cuban cult cultural culture cultures cup cups curiosity
    curious curled currency current currently curriculum curse cursed curtain curve curved
    curves custody custom customer customers customs cut cute cuts cutting cycle cycling
    cylinder cyprus dad daddy dagger dam damage damaged damned damp dance danced dancer
    dancers dances dancing danger dangerous danish dark darker darkness darling das dash date
    dated dates dating daughter daughters dead deadly dealer dealing deals dealt death deaths
    debate debris debt debut debuted decade decades deceased decide decided decides deciding
    decision decisions deck declaration declared decline declined decorated decoration decrease
    decreased decree dedicated deemed deeper deeply deer defeat defeated defeating defence
    defend defended defender defending defense defensive define defined definition degree
    degrees delaware delay delayed delegates delegation delhi deliberately delicate deliver
    delivered delta demand demanded demanding demands demo democracy democrat democratic
    democrats demolished demon demons demonstrate demonstrated demonstration den denied denmark
    dense density dental deny departed departments departure dependent depending depends
    depicted depicting depicts deployed deployment deposits depot depression depth depths
    deputy der derived descendants descended descent describe described describes describing
    description desert deserve deserved design designated designation designed designer
    designers designs desired desperate desperately despite destination destroy destroyed
    destroyer destroying destruction detachment detail detailed details detect detected
    detection detective determination determine determined detroit develop developed developers
    developing developments device devices devil devoted diagnosed dialect dialogue diameter
    diary dictionary didn die died dies diesel differ difference differences different
    difficult difficulties difficulty dig digging dimension dimensional dimensions dining
    dinner diocese diploma diplomat diplomatic direct directed directing direction directions
    directly directors dirt dirty disabled disappear disappeared disappointed disappointment
    disaster disbanded disc discipline discontinued discover discovered discovers discovery
    discrimination discuss discussed discussing discussion discussions diseases dish dishes
    disk dismissed disney disorder disorders display displayed displays dispute dissolved
    distance distant distinct distinction distinctive distinguish distinguished distracted
    distributed distribution districts diverse diversity divide divided divine diving divisions
    divorce divorced dna dock doctoral doctorate doctrine document documentary documented
    documents doesn dogs doi doll dollar dollars domain dome domestic dominant dominated
    dominican donated donations doors doorway dos double doubled doubles doubt dove download
    downstairs downtown dozen dozens draft drafted drag dragged dragon dragons drained dramatic
    drank draw drawing drawings drawn draws dreams dress dressed dressing dried drifted drink
    drinking drinks driven driver drivers drives driveway driving drop dropped dropping drops
    drove drug drugs drum drummer drums drunk dry dual dubbed duchess duchy duck dug dull
    duration dust dutch duties duty dvd dwarf dying dynamic dynamics dynasty eager eagle eagles
    earlier earliest earn earned earning ears earth earthquake ease eased easier easily eastern
    eat eaten eating echo echoed economic economics economy ecuador edge edges edited editing
    edition editions editor editorial editors edmonton educated educational effect effective
    effectively effects efficiency efficient effort efforts egg eggs egypt egyptian eight
    eighteen eighth elaborate elbow elderly eldest elect elected election elections electoral
    electric electrical electricity electron electronic electronics element elementary elements
    elephant elevated elevation elevator eleven eligibility eligible eliminate eliminated
    elimination elite elsewhere embarked embarrassed embassy embedded embrace emerged emerging
    emigrated emotion emotional emotions emperor emphasis empire employed employee employees
    employer employment empress empty enable enabled enclosed encounter encountered encounters
    encourage encouraged encouraging endangered ended endemic ending endless ends enemies enemy
    energy enforcement engage engaged engagement engine engineering engineers engines enhanced
    enjoy enjoyed enjoying enlisted enormous enrolled enrollment ensemble ensure enter entered
    entering enterprise enterprises enters entertainment entire entirely entities entitled
    entity entrance entrepreneur entries entry envelope environment environmental environments
    enzyme episcopal episode episodes equal equality equally equation equations equipment
    equipped equity equivalent erected error errors escape escaped escort especially espn essay
    essays essential essentially est establish established establishing establishment estate
    estimate estimated estimates estonia eternal ethics ethiopia ethnic euro evaluation
    evangelical events eventual eventually everyday evident evil evolution evolved exact
    exactly exam examination examined example examples excellence except exception excess
    exchange exchanged excited excitement exciting exclusive exclusively excuse executed
    execution executive exercise exercises exhausted exhibit exhibited exhibition exhibitions
    exhibits exile exist existed existence existing exists exit expand expanded expanding
    expansion expect expectations expected expecting expedition expelled expense expensive
    experience experienced experiences experiment experimental experiments expert experts
    explain explained explaining explains explanation exploded exploration explore explored
    explorer exploring explosion explosive export exposed exposure express expressed expression
    expressions extend extended extending extends extension extensive extensively extent
    exterior external extinct extraordinary extreme extremely eye eyebrow eyebrows eyed eyes
    fabric facade face faced faces facilitate facilities facility facing fact faction factor
    factories factors factory facts faculty faded fail failed failing failure faint fairly fake
    fall fallen falling falls false fame familiar families family famous fans fantasy far farm
    farmer farmers farming farms farther fashion faster fastest fat fatal fate fathers fault
    favor favorable favorite favourite fbi fear feared fears feast feat feature featured
    features featuring fed federal feed feeding feel feeling feelings feels fees feet fell felt
    female females feminist fence festivals fever fewer fiction fictional fierce fifa fifteen
    fifth fifty fight fighter fighters fighting fights figure figured figures fiji filed files
    fill filled filling film filmed filming films filter fin finale finalist finally finals
    financial find finding findings finds finest finger fingers finish finished finishing
    finite finland finnish fire fired fires firing firm firmly firms fiscal fish fishing fist
    fists fit fitness fitted fitting fix fixed flag flags flagship flame flames flash flashed
    flat fled flee fleet flesh flew flies flight flights flipped floating flood flooded
    flooding floors florida flower flowering flowers flowing flown flows fluid flute flying
    focused focuses focusing fog fold folded folk followed followers following follows food
    foods fool foot footage football footballer footsteps forbidden force forced forces forcing
    forehead foreign forests forever forget forgive forgot forgotten fork formal formally
    format formation formed former formerly forming formula fort forth fortress fortune forty
    forward fossil fought found foundations founded founder founders founding fountain fourteen
    fourth fragments frame framed frames franchise frankfurt fraud freed freely
    freestyle freeway freight frequency frequent frequently freshman friendly friends
    friendship frightened frog front frontier frown frowned froze frozen fruit fruits
    frustrated frustration fuel full fully function functional functions
    fundamental funded funding funds funeral funny fur furious furniture furthermore fury
    fusion gaelic gained gaining galaxy gallery game gameplay games gaming garage garden gas
    gasped gastropod gate gates gather gathered gathering gauge gave gaze gazed gazette gear
    gender genera generate generated generation generations genes genetic genius genre
    gentleman gentlemen gently genuine genus geographic geographical geography geological
    geometry germans gesture get gets getting ghost ghosts giants gifts girl girlfriend girls
    give given gives giving glacier glance glanced glancing glare glared glass glasses globe
    glory glow glowing gmina goal goalkeeper goals god goddess gods goes going golf gone gonna
    gonzalez goodbye goods gorgeous gospel got gothic gotta gotten governed governing
    government governmental governments governors grab grabbed grabbing grades gradually
    graduate graduated graduates graduating graduation grain grammar grammy grande grandfather
    grandmother grandson granite granted grants graph graphic graphics grasp grass grateful
    grave gravel graves gravity greater greatest greatly greece greene greeted grew grid grief
    grin grinned grinning grip gripped groaned gross ground grounds groups grow growing growled
    grown grows growth guarantee guard guardian guards guess guessed guest guests guided guild
    guilt guilty guinea guitar guitarist guitars gulf guns gut guys gym gymnasium habit habitat
    habitats hadn hair haired halfway halls hallway halt ham hamburg hammer hand handed handful
    handle handled handling hands handsome hanging happen happened happening happens happily
    happiness harbor harbour harder hardly hardware harvard harvest hasn hatch hate hated
    hatred haunted hawaii hawk headed heading headquartered headquarters heads heal healing
    healthy hear heard hearing heart hearts heat heated heating heavily heavy heavyweight
    hebrew hectares heels height heights heir held helicopter hell helmet helped helping helps
    heritage heroes herzegovina hesitated hid hidden hide hiding higher highest highland highly
    highway highways hills hindu hint hip hips hire hired hispanic hissed historian historians
    historic historical historically history hitler hits hitting hiv hms hockey hold holder
    holding holdings holds hole holes holiday hollow hollywood holocaust holy homeland homes
    hometown hon honorary honored honors honours hood hook hop hoped hopes hoping horizon
    horizontal horn horrible horror horse horses host hosted hostile hosting hosts hot hotel
    hotels housed household householder households houses housing http hug hugged huh
    humanitarian humanities humanity humans humor hundred hundreds hungary hunger hungry
    hunters hunting hurling hurricane hurried hurry hurt husband hybrid hydrogen hypothesis
    iata ibm ibn iceland idaho idea ideas identical identification identified identify identity
    idiot idol ignore ignored ignoring iii illegal illinois illness illustrated illustrations
    image images imagination imagine imagined immediate immediately immigrants immigration
    immune impact imperial implement implementation implemented importance important imported
    imposed impossible impressed impression impressive imprisoned imprisonment improve improved
    improvements improving inaugural inaugurated inc inch inches incident incidents include
    included includes including income incorporated increase increased increases increasing
    increasingly incredible incumbent independence independent independently indiana
    indianapolis indians indicate indicated indicates indicating indie indies indigenous
    individual individuals indo indonesia indonesian indoor induced inducted industrial
    industries industry infant infantry infected infinite influence influenced influences
    influential informed infrastructure inhabitants inhabited inherited initial initially
    initiatives injured injuries injury ink inland inn inner innings innovative input insane
    inscription insects inside insisted inspection inspector inspiration inspired installation
    installed instance instant instantly instead institution institutions instructed
    instruction instructions instructor instrument instrumental instruments insurance intact
    integral integrated integration integrity intellectual intelligence intelligent intended
    intense intensity intent intention intentions inter interaction interactions interactive
    interchange interest interested interesting interests interface interference interim
    interior intermediate internal international internationally internet interpretation
    interpreted interrupted intersection interstate intervention interview interviewed
    interviews intimate introduce introduced introducing introduction invaded invasion invented
    invention invested investigate investigated investigation investigations investment
    investments investors invisible invitation invited involve involved involvement involves
    involving iowa iranian iraq iraqi iron isbn islamic island islands isle isn isolated
    israeli issue issued issues istanbul items jacket jail jam janeiro japan jaw jazz jealous
    jeans jerked jersey jerusalem jets jewish jews jobs join joined joining joins joint jointly
    journal journalism journalist journalists journals journey judges judgment judicial juice
    jump jumped jumping junction jungle jurisdiction jury kansas keep keeper keeping keeps
    kentucky kept kerala keyboard keyboards keys kicked kicking kid kidnapped kids kill killed
    killer killing kills kilometers kilometres kinds kingdom kings kiss kissed kisses kissing
    kitchen knee knees knew knife knights knock knocked knocking knockout knots know knowing
    knowledge known knows korea kosovo label labels labor laboratory labour lack lacked lacking
    ladder ladies laid lamp land landed landing landmark lands landscape lanes language
    languages lanka laps largely larger largest larvae las laser lasted lasting lately later
    lateral latest latin latter laugh laughed laughing laughter launched lawn laws lawsuit
    lawyer lawyers lay layer layers laying layout leaders leadership leading leads leaf league
    leagues leaned leaning learn learned learns lease leather leave leaves leaving lebanon
    lecturer lectures led leg legacy legal legally legend legendary legends legion legislation
    legislative legislature legitimate legs leipzig length lengths lens lesser lesson lessons
    let lets letter letters letting levels liberal liberation libraries licence license
    licensed licked lied lieutenant life lifestyle lifetime lift lifted lifting liga lighter
    lighthouse lighting lightly lightning lights liked likely likes likewise limbs limestone
    limit limited limits linear lined liner lines lineup link linked linking links lions lip
    lips liquid listed listen listened listening listing lists lit literally literary
    literature lithuania lived liver lives livestock living load loaded loading loans lobby
    locality locally locals located location locations lock locked locks locomotive locomotives
    log logic logical logo lonely longer longest longtime look looked looking looks loose lopez
    lords los lose loser losing loss losses lost lots louder loudly louisiana loved lover
    lovers loves loving low lower lowered lowest loyalty ltd luck lunch lung lungs lust
    lutheran luxembourg luxury lying lyon lyrics macdonald macedonia machine machinery machines
    mad madame madrid magazine magazines magic magical magnetic magnitude maid maiden mail
    maine mainland mainly mainstream maintain maintained maintaining maintains maintenance
    majesty majority maker makers makes makeup making malaysia male males malta mama manage
    managed management managers manages managing mandate mandatory manga manhattan manitoba
    manner mansion manual manufacture manufactured manufacturer manufacturers manufacturing
    manuscript manuscripts map maple maps marathon marble marched marching margin marines
    maritime marked marketing markets marking marriage married mars marshal martinez maryland
    mask mass massachusetts massacre massive mastering masters match matched matches matching
    material materials maternal math mathematical mathematics matrix matter matters mature
    maximum mayor meal mean meaning means meant measure measured measurement measures measuring
    meat mechanical mechanics mechanism mechanisms medals media median medicine medieval
    mediterranean medium meet meetings meets melbourne member members membership membrane
    memories memory memphis mentally mention mentioned mentions merchant merchants mercury mere
    merely merged merger mess message messages met metal meter meters methodist methods metre
    metres metro metropolitan mexican mexico mhz miami michigan mid midfielder midnight mighty
    migration mild military militia milk mill million millions milwaukee minds mineral miners
    mines mini minimal minimum mining minister ministers ministry minneapolis minnesota minor
    minority minute minutes mirror missed missile missiles missing missionary missions
    mississippi missouri mistake mistress mit mix mixed mixing mixture mlb mob mode models
    moderate modest modified module moist molecular molecules mom moment moments momentum
    monastery money monitor monitoring monk monkey monks monster monsters monthly months
    montreal monument monuments mood moral morocco mortal moscow mosque moth mother mothers
    motion motor motorcycle motors mountain mountains mounted mouse mouth move moved movement
    movements moves movie movies moving mph mtv mud multi multiple mumbai munich municipal
    municipalities municipality munster murder murdered murders murmured muscle muscles museum
    museums musical musician musicians muslim muslims muttered mutual mysterious mystery myth
    mythology nacional nadu nails naked named names naming naples narrative narrator narrow
    narrowed nasa nashville nation nationalist nationality nationally nationals nations
    nationwide native natural naturally nature nautical naval navigation nazi nba nbc ncaa
    nearby nearest nearly nebraska necessarily necessary neck nee need needed needing needs
    negative negotiations neighbor neighborhood neighboring neighbors neighbourhood
    neighbouring neo nepal nephew nerve nerves nervous netherlands networks neutral nevada
    newer newly newspaper newspapers nfl nhl nickname nicknamed nightmare nineteenth nintendo
    ninth nixon nobel nod nodded nods noise nominated nomination nominations nominee
    nonetheless noon normal normally northeast northeastern northern northwest northwestern
    norway norwegian nose notable notably note noted notes notice noticed noting notion notre
    novelist novels nuclear number numbered numbers numerous nursing oakland oath obama object
    objective objectives objects oblast observation observatory observed observer obtain
    obtained obtaining obvious occasion occasional occasionally occasions occupation occupied
    occupy occur occurred occurring occurs ocean odds offense offensive offer offered offering
    offers officers offices official officially officials ohio oil oklahoma older oldest
    olympic olympics ones ongoing online ontario onwards opened opening openly opens opera
    operate operated operates operating operation operational operations operator operators
    opinion opinions opponent opponents opportunities opportunity opposed opposing opposite
    opposition optical option options orange orbit orchestra ordained order ordered orders
    ordinary ore oregon org organ organic organisation organisations organised organization
    organizations organize organized organizing oriental orientation oriented origin original
    originally originated origins orleans orthodox oslo ottawa ottoman ought outbreak outcome
    outdoor outer outfit output outside outstanding oval overall overcome overhead overseas
    overwhelming owing owned owner owners ownership owns oxygen pacific pack package packed
    pages paid pain painful paint painted painter painting paintings pair pairs palace pale
    palestine palestinian palm palms panama panels panic pants paper papers para parade
    paradise parallel parent parents parish parked parking parks parliament parliamentary
    parted partial partially participants participate participated participating participation
    particle particles particular particularly parties partly partner partners parts party pass
    passage passed passenger passengers passes passing passion past patch patent path paths
    patrol patron pattern patterns pause paused pavilion pay paying payment payments pdf
    peaceful peak peaked peaks peered penalty peninsula penn pennsylvania peoples perceived
    percent percentage perception percussion perez perfectly perform performance performances
    performed performer performers performing performs period periods permanent permanently
    permission permit permitted person personal personality personnel persons perspective perth
    peru pet petersburg petition phase phd phenomenon philadelphia philosopher philosophical
    philosophy phone photo photograph photographer photographs photography photos phrase
    physical physically physics pianist piano pick picked picking picks picture pictures piece
    pieces pig pillow pilots pine pink pinyin pioneer pipe pirate pirates pissed pistol pitch
    pitched pitcher pittsburgh pizza placed placement places placing plain plains plane planes
    planet planets planned planning plans plant plantation planted plants plastic plate plateau
    plates platforms platinum play played player players playing playoff playoffs plays
    playstation playwright plaza pleasant pleased pleasure plenty plot pocket pockets poem
    poems poet poetry poets pointed pointing points poison polar pole poles police policies
    political politically politician politicians politics poll pollution pond poorly pop pope
    popped popular popularity populated population populations porch portfolio portion portions
    portland portrait portraits portrayed ports position positioned positions positive possess
    possessed possession possibility possible possibly postal posted posts pot potential
    potentially pottery pound pounding pounds pour poured poverty powder powered powerful
    powers practical practically practiced practices pradesh prague prairie praise praised
    prayer pre preceding precise precisely predecessor predicted predominantly prefecture
    prefer preferred pregnancy pregnant preliminary premier premiere premiered premiership
    premises preparation prepare prepared preparing presbyterian presence present presentation
    presented presenter presenting presents preservation preserve preserved presidency
    president presidential presidents press pressed pressing pressure prestigious presumably
    pretend prevent prevented preventing previous previously prey prices pride priest priests
    primarily primary primitive princeton principle principles print printed printing prints
    prior priority prison prisoner prisoners privacy private privately prix probability
    probably problem problems procedures proceed proceeded proceedings proceeds process
    processes processing proclaimed produce produced producer producers produces producing
    product production productions products profession professional professionals profile
    profit profits program programmes programming programs progress progressive prohibited
    projected projects prominent promised promises promising promote promoted promoting
    promotion promotional prompted pronounced proof propaganda proper properly properties
    property proportion proposal proposals proposed prospect protagonist protect protected
    protecting protection protective protein proteins protest protestant protested protests
    prototype prove proved proven provide provided providence provider provides providing
    province provinces provincial provision provisional provisions proximity prussia prussian
    psychological psychology pub publication publications publicly publish published publisher
    publishers publishing puerto pull pulled pulling pulls pulse pump punch punishment punjab
    punk pupil pupils purchase purchased purple purpose purposes purse pursue pursued pursuit
    push pushed pushing put puts putting qualification qualified qualifier qualify qualifying
    quantum quarter quarterback quarterfinals quarters quartet quebec queens queensland quest
    question questioned questioning questions quickly quietly quit quoted rabbi rabbit race
    raced races racial racing radar radiation radical raf rage raiders raids railroad railway
    railways rainbow rainfall raise raised raising rally ranch random rang ranger rangers
    ranges ranging rank ranked ranking rankings ranks rap rape rapidly rapper rare rarely rat
    rate rated rates rating ratings ratio rats raw rays reach reached reaches reaching react
    reaction reactions reader readers reads ready realised reality realize realized realizes
    realizing realm rear reason reasonable reasons rebel rebellion rebels rebounds rebuilt
    recall recalled receive received receiver receives receiving recent recently reception
    receptor recipient recognised recognition recognize recognized recommendations recommended
    reconnaissance reconstruction recorded recording recordings recover recovered recovery
    recreation recreational recruited rectangular rector recurring reduce reduced reducing
    reduction refer referee reference references referendum referred referring refers reflect
    reflected reflecting reflection reflects reform reformed reforms refuge refugees refuse
    refused refuses refusing regard regarded regarding regardless regent regime regiment
    regiments region regions registered registration regret regular regularly regulation
    regulations regulatory rehabilitation reign reinforced rejected related relating relation
    relations relationship relationships relative relatively relatives relax relaxed relay
    release released releases releasing relegated relegation relevant reliable relief relieved
    religion religious relocated reluctantly rely remain remainder remained remaining remains
    remarkable remarked remember remembered remembering remind reminded remix remnants remote
    removal remove removed removing renaissance renamed rendered renewed renovated renovation
    renowned rent repair repairs repeat repeated repeatedly replace replaced replacement
    replacing replied reply reported reportedly reporter reporting represent representation
    representative representatives represented representing represents republic republican
    republicans reputation request requested requests require required requirement requirements
    requires requiring rescue rescued research researcher researchers reservation reserve
    reserved reserves reservoir residence resident residential residents residing resignation
    resigned resist resistance resolution resolve resolved resort resource respect respected
    respective respectively respond responded response responses responsibilities
    responsibility responsible restaurant restaurants rested resting restoration restore
    restored restricted restrictions result resulted resulting results resumed retail retain
    retained retire retired retirement retiring retreat retrieved return returned returning
    returns reunion reveal revealed revealing reveals revelation revenge revenue reverse
    reviewed reviews revised revival revived revolt revolution revolutionary reward rhine rhode
    rhodes rhythm ribbon ribs rice rid ride rider riders ridge ridiculous riding rifle rifles
    rights ring rings riot ripped rise rises rising risk risks ritual rival rivalry rivals
    rivers roads robe robot rochester rocket rocks rode rodriguez role roles roll rolled roller
    rolling rolls romance romanized romantic roof rookie rooms root roots rope roses rotten
    rough roughly rounded rounds route routes routine rovers row rows rubbed rubber rubbing
    ruin ruined ruins rule ruled ruler rulers rules ruling rumors runner runners running runs
    runway rural rushed rushing russia sabha sacred sacrifice safely sail sailed sailing
    sailors saints salary sales salon salt sample samples sanchez sanctuary sand sank sanskrit
    sao saskatchewan satellite satisfaction satisfied saudi savage saved saving savings saw
    saxon saxophone saying scales scandal scar scared scattered scene scenes scent schedule
    scheduled scholar scholars schools science sciences scientific scientists scope scored
    scorer scores scoring scotia scout scouts scream screamed screaming screen screening
    screenplay screenwriter screw script sculptor sculpture sculptures sea seal sealed search
    searched searching season seasons seat seated seating seats seattle sec secondary seconds
    secret secretly secrets section sections sector sectors secular secured see seed seeds
    seeing seek seeking seeks seem seemed seemingly seems seen sees segment segments seized
    select selected selection self sell selling semi semifinals seminary senate senator
    senators send sending sends sensation sense sensed senses sensitive sent sentence sentenced
    seoul separate separated separately separation sequel sequence sequences serbia serbian
    sergeant serial serie series serious seriously servant servants serve served server serves
    serving sets setting settings settle settled settlement settlements settlers settling seven
    seventeen seventh seventy severe severely sex sexual shade shadows shaft shake shakes
    shakespeare shaking shallow shame shanghai shape shaped shapes shared shares sharing shark
    sharply shattered shed sheep sheet sheets shelf shell shells shelter sheriff shield shifted
    shifting shining ship shipping ships shirt shirts shock shocked shoe shoes shook shoot
    shooting shop shopping shops shore shorter shortly shorts shot shots shoulder shoulders
    shouldn shout shouted shouting shoved show showed shower showing shown shows shrine
    shrugged shut shuttle siblings sick side sides siege sigh sighed sight sign signal signals
    signature signed significance significant significantly signing signs silence silent
    silently silk silly similar similarly simplified simply simultaneously sing singapore
    singer singers singing single singles sings sink sinking sip sisters sit sites sits sitting
    situated situation situations sixteen sixth sixty size sized sizes skating sketch ski
    skilled skin skirt skull slam slammed slapped slavery slaves sleep sleeping sleeve slender
    slept slid slide sliding slight slightly slip slipped slipping slope slopes slot slovakia
    slovenia slow slowed slowly smaller smallest smell smelled smile smiled smiles smiling
    smoke smoking smooth snail snake snap snapped snow soap soccer socialist societies
    sociology sofa soft softly software soil solar sold soldier soldiers sole solely solid
    solution solutions solve somehow sometime somewhat songs songwriter sons sony sooner
    soprano sort sought soul souls sounded sounding sounds soundtrack soup source sources
    southeast southeastern southern southwest southwestern sovereign soviet sox space spaces
    span speaker speakers speaking speaks specialized species specific specifically specified
    specimen specimens spectrum speech speed speeds speedway spell spelled spelling spend
    spending spent sphere spider spike spin spinning spirit spirits spiritual spite split spoke
    spoken sponsor sponsored sport sporting sports spot spots spotted spread spreading
    springfield springs sprint spun spy squad squadron squadrons squeeze squeezed stability
    stable stack stadium stage staged stages stained staircase stairs stake stakes stamp stance
    stand standing stands stare stared staring stark starred starring stars started starting
    startled starts stated statement statements states static stating stationed stations
    statistical statistics statue statues status stay stayed staying steadily steady steal
    stealing steam steel steep steering stem step stepped stepping steps stick stiff stock
    stockholm stolen stomach stones stood stop stopped stopping stops storage store stored
    stores stories storyline straight straightened strain strait strand strange stranger
    strategic strategies streak stream streaming streams streets strength stress stretch
    stretched stretching strict strictly strike strikes striking string strings strip stripped
    stronger strongest strongly struck structural structure structures struggle struggled
    struggling sts stuck students studied studies studio studios studying stuff stumbled
    stunned stupid style styles subfamily subject subjects submarine submitted subsequent
    subsequently subsidiary subspecies substance substantial substitute subtle suburb suburban
    suburbs subway succeed succeeded success successful successfully succession successive
    successor sucked sudan sudden suddenly suffer suffered suffering sufficient sugar suggest
    suggested suggesting suggestion suggests suicide suit suitable suited suits sum sunk
    sunlight sunset superintendent superior superman supernatural supervision supplied supplies
    supply supported supporter supporters supporting supports suppose supposed supposedly
    supreme sur surely surface surfaces surprise surprised surprising surprisingly surrender
    surrendered surrounded surrounding surroundings surveillance survival survive survived
    surviving survivors suspect suspected suspended suspension suspicion suspicious sustainable
    sustained swallow swallowed swear sweat sweden swedish sweet swept swift swim swimming
    swing swiss switch switched switzerland sword swords sworn swung symbol symbols symphony
    symptoms synonym synthesis syrian table tables tackle tackles tactical tactics tag tail
    taiwan taken takes taking talent talented tales talk talked talking talks tall tampa tank
    tanks tap tape tapped target targeted targets task tasks taste taught tax taxes taxi teach
    teacher teachers teaching teammate tear tears tech technical technically technique
    techniques technological technologies technology teen teenage teenager teeth tel telegraph
    telephone television telling tells temperature temperatures temple temples temporarily
    temporary tend tended tender tennessee tennis tenor tense tension tent tenth tenure term
    terminal terminus terms terrain terrible terrified territorial territories territory terror
    terrorism terrorist testament tested testimony testing tests texas text texts thailand
    thames theater theatrical theme themes theological theology theorem theoretical theories
    theory therapy thereby thermal thesis thick thigh thighs thing things think thinking thinks
    thirteen thirty thought thoughts thousand thousands threat threatened threatening threats
    threshold threw thriller throat throne throw throwing thrown thrust thumb thunder ticket
    tickets tide tied tier tiger tigers tight tightened tightly tilted timber time times timing
    tip tipped tips tired title titled titles tobacco toes tokyo told toll tomb tongue tonnes
    tons took tools topic topics topped torn tornado toronto torpedo torture toss tossed
    totally touch touchdown touchdowns touched touching tough tour toured touring tourism
    tourist tourists tournament tournaments tours towel towers towns township toy toys traced
    traces tracking tracks traded trading tradition traditional traditionally traditions
    traffic tragedy trail trailed trailer trails train trained trainer trains trans transfer
    transferred transform transformed transit transition translated translation translator
    transmission transport transportation transported trap trapped travel traveled traveling
    travelled travelling travels treasure treasurer treasury treat treated treatment treaty
    tree trek trembling trend trial trials triangle tribal tribe tribes tribune tributary
    tribute trick tried tries trigger trio trip triple trips triumph troop troops trophy
    tropical trouble truck trucks true truly trump trumpet trunk trusted trustees try trying
    tube tubes tucked tugged tune tunnel tunnels turkey turn turned turning turns twelfth
    twelve twentieth twenty twice twin twins twist twisted type types typical typically uefa
    uganda ugly ukraine ulster ultimate ultimately ultra unable unaware uncertain uncle unclear
    uncomfortable unconscious uncredited und undergraduate underground underlying underneath
    understand understanding understood undertaken underwent unexpected unfortunately unified
    uniform uniforms unincorporated unions unique united universal universe universities
    unknown unlike unlikely unsuccessful unusual upcoming update updated upgraded upper upright
    uprising ups upset upstairs upward urge urged usa usage use used user users uses using uss
    ussr usual utah utc utility vacant vacation vale valid valley valuable value valued vampire
    vampires vancouver vanished variable variables variant variants variation variations varied
    varies varieties variety various vary varying vast vector vegas vegetation vehicle vehicles
    veins velocity venezuela venice venture venue venues vermont verse verses version versions
    versus vertical vessels veteran veterans vicinity victim victims victorian victories video
    videos vietnam view viewed viewers viewing views vii viii villa village villages vinyl
    violation violence violent violin virgin virtual virtually virus visible visit visited
    visiting visitor visitors visits visual vocal vocalist vocals voice voiced voices
    voivodeship vol volcanic volleyball voltage volume volumes voluntary volunteers von vote
    voted voters votes voting voyage vulnerable wagon waist wait waited waiting wake walk
    walked walking walks walls wanna wanted wanting wants war warehouse warfare warm warmth
    warned warning warrant warrior warriors wars warsaw wash washed washington wasn waste watch
    watched watching waters wave waved waves ways weak weakness wealth wealthy weapon weapons
    wearing weather web website wedding weekly weeks weight weird welcomed welfare wellington
    went weren western wet wheat wheel wheels whilst whip whisper whispered whispers wicked
    wickets widely widened wider widespread widow width wife wild wilderness wildlife willing
    wind window winds windsor wine wings wingspan winner winners winning winnipeg wins wiped
    wire wireless wisconsin wisdom wish wished wishing witch withdraw withdrawal withdrawn
    withdrew witness witnessed witnesses wives wizard woke wolves woman women wondered
    wonderful wondering wooden woodland words wore worked workers working works workshop
    workshops worlds worldwide worn worried worry worse worship worst worth worthy wouldn wound
    wounded wounds wow wrap wrapped wrestler wrestling wrist write writer writers writes
    writing writings written wrong wrote www wyoming yale yanked yankees yard yards yeah years
    yelled yellow yield younger youngest yugoslavia zealand zero zones zoo zurich
    """
)

# First names missing from the gender-guesser dictionary, most of them from the countries that
# many NHS staff come from: Nigeria, Ghana, Zimbabwe, Kenya, the Philippines, South Asia.
_EXTRA_FIRST_NAMES = """
    chinedu chidi chidera chika chiamaka chioma chinwe chinonso chukwuemeka chukwuma emeka
    ngozi adaeze adaora amaka nkechi nkem obinna ifeanyi ifeoma ikenna kelechi nnamdi onyeka
    uchenna uche ugochi obiageli ebere azubuike tochukwu somto nneka oluchi ogechi chisom
    oluwaseun seun oluwatobi tobi oluwadamilare damilola dami tunde babatunde babajide
    jide kemi kehinde taiwo folake funmi funmilayo folasade titilayo tope temitope yetunde
    ayodele ayo kayode segun dapo lanre sola wale yemi bisi bukola gbenga olumide olamide
    oluwatoyin toyin oluwaseyi seyi modupe dele rotimi abimbola bimpe adebola adeola
    adewale adesola adetola abiodun akin akinola ayomide ibukun iyabo morenike omolara
    omotola opeyemi oyinkansola simisola tolulope tolu temilola yewande bolaji bola femi
    ade dayo jumoke kunle laide moji niyi ronke sade sike wumi fola fisayo ifeoluwa
    amina aminu hauwa zainab musa aliyu bashir garba lawal sani habiba rukayya nafisa
    kwame kwaku kwabena kwesi kojo kofi yaw kwadwo ama abena akosua adwoa afua efua esi akua
    yaa afia adjoa ekua araba efia nana akwasi kwasi kobina ebo fiifi selorm edem elikem
    delali sena dzifa mawuli enam yayra senam kekeli
    tendai tatenda farai tinashe rutendo nyasha chipo tafadzwa kudzai rumbidzai tsitsi
    tapiwa munashe tanaka takudzwa ruvimbo rufaro tariro tawanda tonderai fadzai chiedza
    shingai nyarai vimbai panashe kudakwashe simbarashe tendekai chenai nokuthula thandiwe
    thandeka sibusiso sipho themba nomsa zodwa lindiwe nompumelelo bongani sizwe
    wanjiru wanjiku njeri kamau otieno achieng akinyi mwangi wambui njoki nyambura kerubo
    moraa atieno adhiambo awino auma wairimu waithera muthoni wangari
    marites maricel rowena jocelyn jomar arnel jericho rhea mylene marivic lorna rosalie
    rowel jonel jayson jhun marilou mariel rachelle leizel liezel analyn annaliza
    aileen joselito rodel rommel reynaldo rolando cristina
    harpreet gurpreet manpreet jaswinder rajinder amrit navdeep simran parminder kuldip
    sukhjinder baljit balvinder hardeep inderjit jasbir jaspreet kulwinder mandeep
    narinder rupinder sukhwinder surinder tarsem gurdeep harjit harvinder
    priya deepa anjali sunita rakesh sanjay kavita sandeep nikhil rajesh anil sunil vinod
    lakshmi meena pooja rekha shilpa smita swati divya neha nisha pallavi preeti radhika
    ritu sapna shweta sneha vidya aarti bhavna hetal jignesh kalpesh mitesh nilesh paresh
    shailesh dipak hemant jayesh ketan mehul mukesh naresh pankaj rupesh suresh umesh
    venkat srinivas lakshman subramanian ramesh ganesh murali senthil karthik arun
    shazia nasreen rukhsana farzana shabana naila saima bilal usman zubair abdul rahim
    shahida nusrat taslima rubina nazia sadia sana shaheen tahira uzma yasmin zahida
    asif tariq imran irfan kashif khalid nadeem naveed rizwan shahid waqar zahid adnan
    aamir arshad azhar faisal haroon junaid mohsin nasir qasim sajid tahir yasir
    mohammed mohammad muhammad mohamed ahmed ahmad abdullahi abdirahman abdi hodan hibo
    ayan fadumo hamdi idil ilhan ladan sahra sagal warsame xamza
    xiaoming xiaoyu xiaohong xiaoli xiaojun jianguo weiwei jingjing yanyan lili zhiwei
    haoran yuxuan zihan yichen jiayi ruoxi mingyu
    agnieszka katarzyna malgorzata piotr krzysztof tomasz pawel lukasz wojciech dorota
    ewa beata jolanta grazyna zbigniew grzegorz przemyslaw slawomir jaroslaw miroslaw
    iwona izabela justyna karolina magdalena marta monika paulina sylwia urszula wioletta
    oksana iryna olena mykola bogdan ionut andreea mihai florin gheorghe vasile ioana
    alexandru cristian daniela elena gabriela loredana mirela nicoleta roxana simona
    sinead siobhan padraig mairead aoife niamh caoimhe saoirse grainne orla ciara eoin
    eilidh mhairi catriona ailsa morag iain kirsty
    """

# Surnames common in England and in the NHS workforce. Some are also words ("Green", "Price"):
# they count only after a first name, never alone.
_SURNAMES = _words(
    """
    smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson
    thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson
    wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan allen
    james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook
    carter richardson bailey collins bell shaw murphy miller cox richards khan marshall
    anderson simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray
    mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd
    butler russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed
    fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford
    pearce day brooks west lawrence cole atkinson bradley spencer gill dawson ball burton
    o'brien watts rose booth perry ryan grant wells armstrong francis rees hayes hart hudson
    newman barrett webster hunter gregory carr lowe page marsh riley dunn woods parsons berry
    stone reid holland hawkins harding porter robertson newton oliver reed kennedy williamson
    bird gardner shah dean lane cooke bates henderson parry burgess bishop walton burns
    nicholson shepherd ross cross long freeman warren nicholls hamilton byrne sutton mcdonald
    yates hodgson robson curtis hopkins o'connor harper coleman watkins moss mccarthy chambers
    o'neill griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace george
    jordan hutchinson rowe burke may pritchard gilbert willis higgins read miles stevenson
    stephenson hammond arnold buckley walters hewitt barber nelson slater austin sullivan
    whitehead mann frost lambert stephens blake akhtar lynch goodwin barton woodward thomson
    cunningham quinn barnett baxter bibi clayton nash greenwood jennings holt kemp poole
    gallagher bond stokes tucker davidson fowler heath norman middleton
    sharma gupta kumar verma mehta joshi desai iyer nair menon pillai reddy rao chopra
    malhotra kapoor bhatt chaudhry chaudhary hussein rahman iqbal aziz malik mahmood qureshi
    siddiqui chowdhury uddin islam miah sandhu dhillon gill grewal sidhu bains johal
    okafor okonkwo okeke nwosu eze obi adeyemi adebayo adeleke ogunleye balogun
    bello afolabi olawale ogundipe okoro mensah owusu boateng asante osei
    appiah agyeman amoah ansah ofori acheampong moyo ncube dube sibanda mutasa
    kamau otieno mwangi ochieng
    nowak kowalski kowalska wisniewski wojcik kowalczyk kaminski lewandowski lewandowska
    zielinski zielinska szymanski wozniak dabrowski kozlowski mazur krawczyk popescu ionescu
    popa dumitru bondarenko kovalenko shevchenko
    zhang wang li liu chen yang huang zhao wu zhou xu sun zhu hu guo lin luo gao nguyen
    tran pham
    santos silva fernandes pereira costa oliveira rodrigues ferreira gomes reyes cruz garcia
    mendoza bautista villanueva ramos aquino castillo
    o'sullivan doherty mclaughlin kavanagh nolan brennan duffy kearney macleod
    kim park choi jung kang cho yoon jang lim shin seo kwon hwang ahn
    """
)
