"""`manage.py notice_drift`: public notices out of step with the applications, and `--repair` to fix them.

Lists every application in public notice that no live, open notice page shows in a notice language, and every
notice page still shown open whose application is no longer in public notice. `--repair` publishes and closes them
through the functions the notice tasks use. Exits with status 1 when drift is found and not repaired (or a repair
failed), so a cron job or a deploy check can alert on it.
"""

import sys

from django.core.management.base import BaseCommand

from cms import notices


class Command(BaseCommand):
    help = "Compare the public notice pages with the applications in public notice; --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Publish the missing notices, close the stale.")

    def handle(self, *args, repair: bool, **options):
        drift = notices.notice_drift()
        self.stdout.write(f"Notice languages: {', '.join(drift.languages) or 'none (no notice index)'}")
        if drift.missing:
            self.stdout.write(f"In public notice without a live, open notice page ({len(drift.missing)}):")
            for application, languages in drift.missing.items():
                self.stdout.write(f"  application {application.pk} ({application}): {', '.join(languages)}")
        if drift.stale:
            self.stdout.write(f"Shown open though the notice is over ({len(drift.stale)}):")
            for page in drift.stale:
                self.stdout.write(
                    f"  page {page.pk} ({page.locale.language_code}), application {page.application_id or 'gone'}"
                )
        if not drift:
            self.stdout.write(self.style.SUCCESS("No drift."))
            return
        if not repair:
            self.stdout.write(self.style.WARNING("Run with --repair to fix."))
            sys.exit(1)
        failures = notices.repair_drift(drift)
        for failure in failures:
            self.stdout.write(self.style.ERROR(f"  not repaired: {failure}"))
        if failures:
            sys.exit(1)
        self.stdout.write(
            self.style.SUCCESS(f"Repaired: {len(drift.missing)} notices published, {len(drift.stale)} pages closed.")
        )
