"""The resident's 居民身份证号 (citizen ID number, GB 11643-1999): checking it, masking it, reading the date of birth.

18 characters: a 6-digit address code, the date of birth (YYYYMMDD), a 3-digit sequence number (odd for men, even
for women) and a check character. The check character: the first 17 digits weighted by 2^(18-i) mod 11 for
positions i = 1..17, check = (12 - sum mod 11) mod 11, with 10 written X. Example: 11010519491231002X.

The number is needed only where eligibility is verified. It is stored encrypted (market/encryption.py) with a
keyed hash beside it to find the same number again, and shown masked everywhere but the reviewer's verification
screen: 3201**********1234.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from market.encryption import keyed_hash

WEIGHTS = [2 ** (18 - position) % 11 for position in range(1, 18)]
CHECK_CHARACTERS = "10X98765432"  # index: sum mod 11
SHAPE = re.compile(r"^\d{17}[\dX]$")
HASH_PURPOSE = "resident-id-number"


def check_character(first_seventeen: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalise(value: str) -> str:
    """What was typed, without spaces, with a lower-case x as X."""
    return "".join((value or "").split()).upper()


def birth_date(id_number: str) -> datetime.date | None:
    try:
        return datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def validate_id_number(value: str) -> str:
    """The normalised number, or a ValidationError that says what is wrong with it."""
    number = normalise(value)
    if not SHAPE.match(number):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits, then a digit or X."), code="id_number_shape"
        )
    born = birth_date(number)
    if born is None or born.year < 1900:
        raise ValidationError(
            _("The date of birth in this ID number (characters 7 to 14) is not a real date."),
            code="id_number_birth_date",
        )
    if number[17] != check_character(number[:17]):
        raise ValidationError(
            _(
                "This ID number is not valid: its last character does not match the first 17 (the check digit "
                "of GB 11643). Check it for a typing mistake."
            ),
            code="id_number_check_digit",
        )
    return number


def mask(id_number: str) -> str:
    """3201**********1234: the first four and the last four characters."""
    if len(id_number) != 18:
        return ""
    return f"{id_number[:4]}{'*' * 10}{id_number[-4:]}"


def digest(id_number: str) -> str:
    """The keyed hash that finds the same number again without storing it readable."""
    return keyed_hash(HASH_PURPOSE, id_number)


def make_id_number(address_code: str, born: datetime.date, sequence: int) -> str:
    """A number with a correct check character, for the demo and the tests (e.g. 320102, 1958-06-15, 21)."""
    first_seventeen = f"{address_code}{born:%Y%m%d}{sequence:03d}"
    return first_seventeen + check_character(first_seventeen)
