"""A merchant's bookable services: added, changed and withdrawn from the portal, each checked (whose shop, whose
outlets, whose micro-profit service, a price above zero) and announced after the commit (`catalogue_changed`), so
search follows the merchant's "bookable online" mark. Orders already placed keep the price they were placed at."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market.commerce import signals
from market.commerce.errors import CommerceError
from market.commerce.models import BookableService
from market.events import send_after_commit
from market.guards import require, require_text
from market.registry.models import ListingStatus


def _check(service: BookableService, merchant, locations) -> list:
    organization = service.organization
    require(merchant, "commerce.sell_online", organization)
    require(merchant, "commerce.manage_bookable_service", service)
    if service.pk is not None:
        stored = BookableService.objects.filter(pk=service.pk).values_list("organization_id", flat=True).first()
        if stored != organization.pk:
            raise CommerceError(_("This service belongs to another merchant."))
    if organization.listing_status != ListingStatus.ACTIVE:
        raise CommerceError(_("Only a listed merchant can offer services online."))
    service.name = require_text(service.name, _("Give the service a name."), CommerceError)
    if service.amount is None or service.amount <= 0:
        raise CommerceError(_("The price must be more than ¥0."))
    if not service.most_units or service.most_units < 1:
        raise CommerceError(_("At least one unit must be allowed in an order."))
    locations = list(locations or [])
    if not locations:
        raise CommerceError(_("Choose at least one outlet where the service is offered."))
    if any(location.organization_id != organization.pk for location in locations):
        raise CommerceError(_("Choose only your own outlets."))
    if service.category_id is None or not organization.categories.filter(pk=service.category_id).exists():
        raise CommerceError(_("Choose one of the categories your business is listed under."))
    micro = service.micro_profit_service
    if micro is not None:
        if micro.organization_id != organization.pk:
            raise CommerceError(_("Choose only your own micro-profit services."))
        if not micro.active:
            raise CommerceError(_("That micro-profit service is not active."))
    return locations


def save_bookable_service(service: BookableService, merchant, *, locations) -> BookableService:
    """Add or change a service of the merchant's shop (`service` unsaved or changed in memory), offered at
    `locations`, the merchant's own outlets."""
    locations = _check(service, merchant, locations)
    with transaction.atomic():
        service.save()
        service.locations.set(locations)
        send_after_commit(signals.catalogue_changed, BookableService, organization=service.organization, actor=merchant)
    return service


def withdraw_bookable_service(service: BookableService, merchant) -> BookableService:
    """Take a service off sale. Its open orders stay, to be served or declined; it can be put on sale again."""
    require(merchant, "commerce.manage_bookable_service", service)
    if not service.active:
        raise CommerceError(_("This service is not on sale."))
    with transaction.atomic():
        service.active = False
        service.save(update_fields=["active", "updated_at"])
        send_after_commit(signals.catalogue_changed, BookableService, organization=service.organization, actor=merchant)
    return service
