"""Changes to a merchant's public listing status. Each locks the merchant's row, checks the move is allowed
and tells listeners once the change is committed.

These are the mechanics; the licensing workflow, which sits above the register, decides when they happen, checks
who may do them and keeps the audit trail.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market.errors import AppError
from market.events import send_after_commit
from market.registry.models import ListingStatus, Organization
from market.registry.signals import listing_status_changed

S = ListingStatus


class ListingError(AppError):
    """A listing change that is not allowed."""


def _change_status(organization, to_status, *, allowed_from, at, actor, reason) -> Organization:
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        from_status = locked.listing_status
        if from_status not in allowed_from:
            raise ListingError(
                _("A listing that is “%(from)s” cannot become “%(to)s”.")
                % {"from": ListingStatus(from_status).label, "to": ListingStatus(to_status).label}
            )
        locked.listing_status = to_status
        update_fields = ["listing_status", "updated_at"]
        if to_status == ListingStatus.ACTIVE and from_status in (
            ListingStatus.UNLISTED,
            ListingStatus.EXPIRED,
        ):
            locked.listed_at = at
            update_fields.append("listed_at")
        locked.save(update_fields=update_fields)
        send_after_commit(
            listing_status_changed,
            Organization,
            organization=locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
        )
    organization.listing_status = locked.listing_status
    organization.listed_at = locked.listed_at
    return locked


def list_organization(organization, *, at, actor=None, reason="") -> Organization:
    """Put a merchant on the public register (approval of a new application, or renewal after expiry)."""
    return _change_status(
        organization, S.ACTIVE, allowed_from={S.UNLISTED, S.EXPIRED}, at=at, actor=actor, reason=reason
    )


def suspend_listing(organization, *, at, actor=None, reason="") -> Organization:
    return _change_status(organization, S.SUSPENDED, allowed_from={S.ACTIVE}, at=at, actor=actor, reason=reason)


def reinstate_listing(organization, *, at, actor=None, reason="") -> Organization:
    return _change_status(organization, S.ACTIVE, allowed_from={S.SUSPENDED}, at=at, actor=actor, reason=reason)


def revoke_listing(organization, *, at, actor=None, reason="") -> Organization:
    return _change_status(
        organization, S.REVOKED, allowed_from={S.ACTIVE, S.SUSPENDED}, at=at, actor=actor, reason=reason
    )


def expire_listing(organization, *, at, actor=None, reason="") -> Organization:
    """A lapsed licence ends the listing; a suspended listing expires too."""
    return _change_status(
        organization, S.EXPIRED, allowed_from={S.ACTIVE, S.SUSPENDED}, at=at, actor=actor, reason=reason
    )
