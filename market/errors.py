"""The one base for refusals: an act the domain will not do, with a translated message for the person who tried.

Services raise it before they write anything (or inside the transaction they roll back), so a refusal never
leaves half a change behind. Views show `str(error)`: the message, then every problem where there are several.
"""

from django.utils.translation import gettext_lazy as _


class AppError(Exception):
    default_message = _("This cannot be done.")

    def __init__(self, message=None, problems=()):
        self.message = message or self.default_message
        self.problems = list(problems)
        super().__init__(self.message)

    def __str__(self) -> str:
        return " ".join(str(text) for text in [self.message, *self.problems])


class NotPermitted(AppError):
    """The person may not do this (their role, or this object is not theirs)."""

    default_message = _("You are not allowed to do this.")
