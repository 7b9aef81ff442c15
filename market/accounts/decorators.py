"""Views for one role: a visitor is sent to sign in, a person of another role is refused (403)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from market.accounts.rules import is_merchant, is_resident


def role_required(predicate):
    def decorator(view):
        @login_required
        @wraps(view)
        def check(request, *args, **kwargs):
            if not predicate.test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return check

    return decorator


resident_required = role_required(is_resident)
merchant_required = role_required(is_merchant)
