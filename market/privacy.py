"""Residents who report a merchant are never identified to it.

Whoever objects to a merchant's public notice, complains about it or reviews it is known to the bureau's staff and
to no one else: the merchant sees that the report exists and what it says, never who made it (the domain brief,
"People, privacy and four eyes"). Every page, export or email a merchant gets shows such a person as
`A_MEMBER_OF_THE_PUBLIC` and takes nothing else from their account (name, user name, email, phone), and the
merchant's queries select the report's own fields only, so that a template cannot reach the person by accident.
Staff screens show the person. Today this covers the objections of licensing (`market/licensing/portal.py`);
every later feature that lets residents report a merchant follows the same rule, and its tests check the
merchant's pages and emails for the reporter's name as `tests/licensing/test_objector_privacy.py` does.
"""

from django.utils.translation import gettext_lazy as _

A_MEMBER_OF_THE_PUBLIC = _("A member of the public")


def reporter_as_seen_by(viewer, reporter):
    """The reporter for bureau staff; for anyone else (the merchant reported on) only "a member of the public"."""
    if viewer is not None and getattr(viewer, "is_bureau_staff", False):
        return reporter
    return A_MEMBER_OF_THE_PUBLIC
