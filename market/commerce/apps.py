from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommerceConfig(AppConfig):
    name = "market.commerce"
    label = "commerce"
    verbose_name = _("Bookings and payments")

    def ready(self):
        from market.commerce import receivers  # noqa: F401  (connects the @receiver functions)
