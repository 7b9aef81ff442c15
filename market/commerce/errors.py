from django.utils.translation import gettext_lazy as _

from market.errors import AppError


class CommerceError(AppError):
    """An order, payment or refund the marketplace refuses; nothing is recorded when it is raised."""


class PaymentProviderError(CommerceError):
    """Stripe did not answer, or refused. What was recorded before asking stays, to be retried with the same key."""

    default_message = _("The payment service could not be reached. Nothing was charged; please try again.")


class BookingFieldError(CommerceError):
    """A booking refused because of one thing the resident typed: the form shows it on that field."""

    def __init__(self, message=None, *, field):
        super().__init__(message)
        self.field = field
