"""Feedback on other apps' pages: the merchant page's ratings and reviews, the stars, the account pages' cards."""

from django import template

from market.feedback import pages, ratings, services

register = template.Library()


@register.inclusion_tag("feedback/includes/merchant_section.html", takes_context=True)
def merchant_feedback_section(context, organization) -> dict:
    """The merchant page's "Ratings and reviews" and "Make a complaint" sections."""
    section = pages.merchant_section(organization, context.get("user"))
    return {**section, "handling_days": services.HANDLING_WORKING_DAYS, "request": context.get("request")}


@register.inclusion_tag("feedback/includes/merchant_rating.html")
def merchant_rating(organization) -> dict:
    """The merchant's average and count under its name, linking to the reviews below."""
    return {"rating": ratings.merchant_rating(organization)}


@register.inclusion_tag("feedback/includes/stars.html")
def rating_stars(rating) -> dict:
    """A `ratings.Rating` (from `ratings.ratings_for`) as stars with its words; for search's result cards too."""
    return {"rating": rating or ratings.NO_RATING}


@register.inclusion_tag("feedback/includes/review_rating.html")
def review_rating(value) -> dict:
    """One review's rating: five stars, `value` of them filled, and the same in words."""
    return {"value": value, "filled": range(value), "empty": range(5 - value)}


@register.inclusion_tag("feedback/includes/resident_card.html", takes_context=True)
def resident_feedback_card(context) -> dict:
    return {"overview": pages.resident_overview(context["user"])}


@register.inclusion_tag("feedback/includes/merchant_card.html", takes_context=True)
def merchant_feedback_card(context) -> dict:
    return {"overview": pages.merchant_overview(context["user"])}
