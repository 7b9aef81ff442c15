from django.utils.translation import gettext_lazy as _


class DiscountError(Exception):
    """An act the discount tracker refuses, with a translated message for the person who tried it.

    Nothing is recorded when it is raised (except a failed code entry, which counts towards the rate limit).
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotPermitted(DiscountError):
    def __init__(self, message=None):
        super().__init__(message or _("You are not allowed to do this."))


class TooManyAttempts(DiscountError):
    """Code entry is paused for this account or address after too many wrong codes."""
