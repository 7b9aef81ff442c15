"""The automatic checks a review passes before it is published: length, repeated text, links and the blocked
words administrators keep. A review that trips any of them waits for a moderator instead of being refused, so
that a false alarm costs the resident a short wait, not their review.
"""

import hashlib
import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

MINIMUM_CHARACTERS = 5
MAXIMUM_CHARACTERS = 1000
# Another resident's identical words are suspicious only beyond a stock phrase ("很好，很满意").
DUPLICATE_MINIMUM_CHARACTERS = 15

LINK = re.compile(
    r"(https?://|www\.|\b[a-z0-9-]+\.(com|cn|net|org|info|top|xyz|cc|io|me|shop|vip|site|link)\b)",
    re.IGNORECASE,
)
SAME_CHARACTER_RUN = re.compile(r"(.)\1{4,}")
REPEATED_PHRASE = re.compile(r"^(.{1,12}?)\1{2,}$")
NOT_WORD = re.compile(r"[\W_]+")


class Flag(models.TextChoices):
    TOO_SHORT = "too_short", _("Too short to say anything")
    REPEATED = "repeated", _("Repeated characters or words")
    DUPLICATE = "duplicate", _("The same text as another review")
    LINK = "link", _("Contains a link")
    BLOCKED_WORD = "blocked_word", _("Contains a blocked word")


def normalise(text: str) -> str:
    """Full-width letters made plain, case folded, runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def compact(text: str) -> str:
    """Only the letters, digits and characters: what a blocked word is matched against ("傻 逼", "S.P.A.M")."""
    return NOT_WORD.sub("", normalise(text))


def fingerprint(text: str) -> str:
    return hashlib.sha256(compact(text).encode()).hexdigest()


def is_repetitive(text: str) -> bool:
    letters = compact(text)
    if SAME_CHARACTER_RUN.search(letters):
        return True
    if len(letters) >= 6 and REPEATED_PHRASE.match(letters):
        return True
    return len(letters) >= 12 and len(set(letters)) <= 3


def blocked_words_in(text: str, blocked_words) -> list[str]:
    letters = compact(text)
    return [word for word in blocked_words if compact(word) and compact(word) in letters]


def screen(text: str, *, blocked_words, duplicates) -> list[str]:
    """The flags the text trips. `duplicates(fingerprint, length)` says whether another review has these words."""
    flags = []
    letters = compact(text)
    if len(letters) < MINIMUM_CHARACTERS:
        flags.append(Flag.TOO_SHORT)
    if is_repetitive(text):
        flags.append(Flag.REPEATED)
    if letters and duplicates(fingerprint(text), len(letters)):
        flags.append(Flag.DUPLICATE)
    if LINK.search(normalise(text)):
        flags.append(Flag.LINK)
    if blocked_words_in(text, blocked_words):
        flags.append(Flag.BLOCKED_WORD)
    return [str(flag) for flag in flags]


def describe(flags) -> list[str]:
    """The flags in words, for the moderator and the author."""
    labels = dict(Flag.choices)
    return [str(labels.get(flag, flag)) for flag in flags]
