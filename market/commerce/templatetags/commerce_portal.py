"""The merchant home's card for the marketplace: orders waiting, and each listed business's online payment."""

from django import template
from django.db.models import Count, Q

from market.commerce.models import Order
from market.commerce.portal_views import payment_status
from market.registry.models import ListingStatus, Organization

register = template.Library()


@register.inclusion_tag("commerce/portal/includes/home_card.html")
def merchant_commerce_card(user):
    businesses = Organization.objects.filter(owner=user, listing_status=ListingStatus.ACTIVE).annotate(
        services_on_sale=Count("bookable_services", filter=Q(bookable_services__active=True))
    )
    counts = Order.objects.filter(organization__owner=user).aggregate(
        waiting=Count("pk", filter=Q(state=Order.S.PLACED)), accepted=Count("pk", filter=Q(state=Order.S.ACCEPTED))
    )
    return {
        "businesses": [{"organization": business, "payment": payment_status(business)} for business in businesses],
        "counts": counts,
    }
