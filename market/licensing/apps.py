from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "market.licensing"
    label = "licensing"
    verbose_name = _("Licensing")

    def ready(self):
        from market.licensing import checks, receivers  # noqa: F401  (checks registers itself)
