"""The checks every act starts with: who may act, what must be given, which state change is allowed."""

from django_fsm import can_proceed

from market.discounts.errors import DiscountError
from market.errors import NotPermitted


def require(actor, permission, target=None, message=None):
    if actor is None or not actor.has_perm(permission, target):
        raise NotPermitted(message)


def require_text(value, message) -> str:
    text = (value or "").strip()
    if not text:
        raise DiscountError(message)
    return text


def move(instance, transition_name, message):
    """Run a state transition, or refuse with the message where the current state does not allow it."""
    transition = getattr(instance, transition_name)
    if not can_proceed(transition):
        raise DiscountError(message)
    transition()
