from django.utils.translation import gettext_lazy as _


class LicensingError(Exception):
    """An act the workflow refuses, with a translated message for the person who tried it.

    `problems` lists every reason at once where there are several (e.g. what a submission still lacks).
    """

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


class NotPermitted(LicensingError):
    def __init__(self, message=None):
        super().__init__(message or _("You are not allowed to do this."))
