"""The wording of a discount, and the numbers on the residents' and merchants' account pages."""

from django import template

from market.discounts import pages

register = template.Library()


@register.filter
def discount(offer) -> str:
    """An offer (or what a code may be used for) in words: "10% off, at most ¥20.00"."""
    return pages.describe_discount(offer.kind, offer.amount, offer.maximum_discount, offer.minimum_spend)


@register.simple_tag
def resident_benefits(user) -> dict:
    return pages.resident_overview(user)


@register.simple_tag
def merchant_benefits(user) -> dict:
    return pages.merchant_overview(user)


@register.filter
def yuan(amount) -> str:
    """An amount to the fen with its sign before the currency: "¥8.85", "−¥8.85" for a correction."""
    value = pages.money(amount)
    return f"−¥{-value}" if value < 0 else f"¥{value}"
