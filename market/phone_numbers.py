"""The phone numbers people type for others to call them back: a mobile (13912345678), a landline with or without its
area code (025-84001234), or either with the country code (+86 139 1234 5678)."""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

PHONE_NUMBER = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")

validate_phone_number = RegexValidator(
    PHONE_NUMBER, message=_("Enter a phone number such as 13912345678 or 025-84001234.")
)


def is_phone_number(text: str) -> bool:
    return bool(PHONE_NUMBER.match(text))
