from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscountsConfig(AppConfig):
    name = "market.discounts"
    label = "discounts"
    verbose_name = _("Discounts and micro-profit services")
