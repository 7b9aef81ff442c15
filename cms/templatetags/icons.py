"""Icons of the site's set (static/img/icons.svg), one per top-level category of the policy's list."""

from django import template

register = template.Library()

CATEGORY_ICONS = frozenset(
    {"shopping", "catering", "housekeeping", "laundry", "repair", "recycling", "agency"}
    | {"elderly-care", "medical"}
)
FALLBACK_ICON = "other"


@register.filter
def category_icon(category) -> str:
    """The icon an administrator named, else the one drawn for the category's code, else the generic one."""
    for name in (category.icon, category.code):
        if name in CATEGORY_ICONS:
            return name
    return FALLBACK_ICON
