from django.core.management.base import BaseCommand

from market.discounts.tasks import DAILY_JOBS


class Command(BaseCommand):
    help = "Enqueue the daily discount jobs (eligibility renewal reminders, forgetting old failed code entries)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Run the jobs in this process instead of enqueuing them."
        )

    def handle(self, *args, now=False, **options):
        for job in DAILY_JOBS:
            if now:
                self.stdout.write(f"{job.name}: {job.call()}")
            else:
                result = job.enqueue()
                self.stdout.write(f"{job.name}: enqueued as {result.id}")
