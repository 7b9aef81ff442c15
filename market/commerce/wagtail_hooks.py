"""The marketplace on the register's public merchant page: the services the merchant sells on Linli."""

from wagtail import hooks

from market.commerce.views import merchant_section


@hooks.register("registry_merchant_page_sections", order=5)
def bookable_services_section(request, organization):
    """Prices, capped prices, the resident's own price and offers, and a "Book" link per service."""
    return merchant_section(request, organization)
