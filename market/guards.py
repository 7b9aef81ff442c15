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


def move(instance, transition_name: str, message, error=AppError, unmet=None) -> None:
    """Run a django-fsm transition, or refuse with the message where the current state does not allow it, and
    with `unmet` (where given) where the state allows it but one of the transition's conditions does not."""
    transition = getattr(instance, transition_name)
    if not can_proceed(transition):
        if unmet is not None and can_proceed(transition, check_conditions=False):
            raise error(unmet)
        raise error(message)
    transition()
