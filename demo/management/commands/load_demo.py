"""`manage.py load_demo`: Nanjing's places, the categories, an account per role, ~300 merchants, pages.

Safe to run again: each step creates only what is missing, matched by natural keys.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from demo.accounts import credentials_table, load_accounts
from demo.categories import load_categories
from demo.commerce import load_commerce
from demo.discounts import load_discounts
from demo.feedback import load_feedback
from demo.jobs import load_jobs
from demo.licensing import load_licensing
from demo.merchants import load_merchants
from demo.pages import load_pages
from demo.places import load_places

STEPS = (
    ("Places of Nanjing (districts, sub-districts, communities)", load_places),
    ("Categories", load_categories),
    ("Demo accounts", load_accounts),
    ("Merchants with outlets, hours and services", load_merchants),
    ("Home pages, site and policy pages", load_pages),
    ("Price caps, offers and a verified resident", load_discounts),
    ("Licences on the register and applications at every stage", load_licensing),
    ("Flexible work: job posts and applications", load_jobs),
    ("Ratings, reviews and complaints", load_feedback),
    ("Bookable services, a payment account and orders", load_commerce),
)


class Command(BaseCommand):
    help = "Load the demo content. Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            help="Load even though DEBUG is off. The demo accounts, a superuser among them, "
            "share a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["i_know_this_is_not_production"]:
            raise CommandError(
                "Refusing to load the demo: DEBUG is off, so this may be a production database. The demo creates "
                "accounts, a superuser among them, whose password is published. On a machine that is not "
                "production, add --i-know-this-is-not-production."
            )
        started = time.monotonic()
        # The demo's applications move through the real services, which email the applicants: to nobody here.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            for label, step in STEPS:
                step_started = time.monotonic()
                created = step()
                self.stdout.write(f"{label}: {created} created ({time.monotonic() - step_started:.1f} s)")
        # The loader writes in bulk, which tells no listener: build the search index from the register in one go.
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {time.monotonic() - started:.1f} s."))
        self.stdout.write("\nSign in with:\n" + credentials_table())
