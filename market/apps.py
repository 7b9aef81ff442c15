from django.apps import AppConfig


class MarketConfig(AppConfig):
    """The project package itself: health and start-up checks, web security plumbing, no models."""

    name = "market"
    verbose_name = "Linli"

    def ready(self):
        from market import checks, seeded_names  # noqa: F401  (checks registers the checks)
        from market.content_security import give_wagtail_choosers_the_nonce

        give_wagtail_choosers_the_nonce()
        seeded_names.install()
