from django.conf import settings


def language_of(user) -> str:
    """The language to write to a user in: their own choice, else the site's default (Simplified Chinese)."""
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
