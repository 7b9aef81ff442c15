"""The roles of the domain brief. Each is a Django group; a user's role decides where they work."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    MERCHANT = "merchant", _("Merchant")
    REVIEWER = "reviewer", _("Reviewer")
    APPROVER = "approver", _("Approver")
    EDITOR = "editor", _("Editor")
    ADMINISTRATOR = "administrator", pgettext_lazy("role", "Administrator")


# Bureau staff work in the Wagtail admin; residents and merchants on the public site.
STAFF_ROLES = frozenset({Role.REVIEWER, Role.APPROVER, Role.EDITOR, Role.ADMINISTRATOR})
