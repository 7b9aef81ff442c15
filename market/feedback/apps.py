from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "market.feedback"
    label = "feedback"
    verbose_name = _("Ratings, reviews and complaints")

    def ready(self):
        from market.feedback import receivers  # noqa: F401  (connects the emails to the signals)
