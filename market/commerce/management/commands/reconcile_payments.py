import datetime

from django.core.management.base import BaseCommand

from market import clock_source
from market.commerce.services.reconciliation import local_mismatches, stripe_mismatches
from market.commerce.stripe_gateway import is_configured


class Command(BaseCommand):
    help = "Compare payments, refunds and subsidy transfers with Stripe and list every mismatch (exit status 1 if any)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=35, help="How far back to ask Stripe (default 35 days).")

    def handle(self, *args, days, **options):
        found = local_mismatches()
        if is_configured():
            found += stripe_mismatches(clock_source.now() - datetime.timedelta(days=days))
        else:
            self.stdout.write("Stripe is not configured: only the local records were compared.")
        for mismatch in found:
            self.stdout.write(str(mismatch))
        self.stdout.write(f"{len(found)} mismatch(es).")
        if found:
            raise SystemExit(1)
