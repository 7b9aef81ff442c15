"""Sign-in lockout (django-axes): who is refused after too many failed sign-ins, and what they are told.

Settings: AXES_* in market/settings/base.py. Both the site's sign-in and the Wagtail admin's login go through
django.contrib.auth's `authenticate(request, ...)`, so both count failures and both refuse a locked-out
account or address before its password is checked.
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out sign-in; never signs anyone in itself.

    Only a request can be locked out: `authenticate()` without one (a management command, the test client's
    `login()`) is no sign-in from the web and passes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(math.ceil(cool_off.total_seconds() / 60), 1) if cool_off else None
    if minutes is None:
        return _(
            "Too many failed sign-ins for this account or from this address. Signing in is paused: "
            "ask the bureau to unlock it."
        )
    return ngettext(
        "Too many failed sign-ins for this account or from this address. For your security, signing in is "
        "paused for %(minutes)s minute. If you have forgotten your password, reset it.",
        "Too many failed sign-ins for this account or from this address. For your security, signing in is "
        "paused for %(minutes)s minutes. If you have forgotten your password, reset it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The page a refused sign-in gets, in the visitor's language, with status 429."""
    return render(request, "accounts/locked_out.html", {"message": lockout_message(request)}, status=429)
