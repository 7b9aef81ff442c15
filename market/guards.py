"""The checks every act starts with: who may act, what must be given, which state change is allowed.

Each raises an `AppError` (the caller's own subclass where it passes one) before anything is written.
"""

from django_fsm import can_proceed

from market.errors import AppError, NotPermitted


def require(actor, permission: str, target=None, message=None) -> None:
    """The actor holds the permission on this object (rules decide, object by object)."""
    if actor is None or not actor.has_perm(permission, target):
        raise NotPermitted(message)


def require_text(value, message, error=AppError) -> str:
    text = (value or "").strip()
    if not text:
        raise error(message)
    return text


def move(instance, transition_name: str, message, error=AppError) -> None:
    """Run a django-fsm transition, or refuse with the message where the current state does not allow it."""
    transition = getattr(instance, transition_name)
    if not can_proceed(transition):
        raise error(message)
    transition()
