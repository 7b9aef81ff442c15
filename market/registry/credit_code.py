"""The unified social credit code (统一社会信用代码) of GB 32100-2015."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The 31 characters the standard allows, in the order that gives each its value (I, O, S, V and Z are left out).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, position, 31) for position in range(17)]


def check_character(first_seventeen: str) -> str:
    total = sum(ALPHABET.index(character) * weight for character, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="length")
    if any(character not in ALPHABET for character in code):
        raise ValidationError(
            _("A unified social credit code uses only digits and capital letters other than I, O, S, V and Z."),
            code="characters",
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: please check it against the business licence."),
            code="check_character",
        )
