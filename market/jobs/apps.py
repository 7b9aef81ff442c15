from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "market.jobs"
    label = "jobs"
    verbose_name = _("Flexible work")

    def ready(self):
        from market.jobs import receivers  # noqa: F401  (connects the @receiver functions)
