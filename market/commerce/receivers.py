"""The marketplace follows its own events: the emails at each step of an order, sent after the commit."""

from django.dispatch import receiver

from market.commerce import notifications, signals
from market.commerce.models import Order


@receiver(signals.order_changed, sender=Order, dispatch_uid="commerce.email_on_order_changed")
def email_on_order_changed(sender, order, action, actor=None, **details):
    notifications.order_changed(order, action)


# `catalogue_changed` is search's (the merchant's "bookable online" mark): search/receivers.py.
