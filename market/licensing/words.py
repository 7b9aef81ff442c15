"""Lists in words, in the language of the page: the catalog gives Chinese its enumeration comma 、 for ", "."""

from django.utils.translation import pgettext


def list_of(items) -> str:
    return pgettext("list separator", ", ").join(str(item) for item in items)
