"""Lists in words, in the language of the page: the catalog gives Chinese its enumeration comma 、 for ", "."""

from django.utils.translation import gettext


def list_of(items) -> str:
    return gettext(", ").join(str(item) for item in items)
