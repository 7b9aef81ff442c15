from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "market.registry"
    label = "registry"
    verbose_name = _("Merchant register")

    def ready(self):
        from market.registry import receivers  # noqa: F401
