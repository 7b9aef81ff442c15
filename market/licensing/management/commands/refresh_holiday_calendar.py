"""`manage.py refresh_holiday_calendar`: the published holidays from the chinesecalendar package, administrators'
entries kept. Run it after upgrading the package (the State Council publishes the next year in autumn)."""

from django.core.management.base import BaseCommand

from market import clock_source
from market.licensing.holidays import missing_next_year, refresh_from_package


class Command(BaseCommand):
    help = "Seed or refresh the holiday calendar from the chinesecalendar package; administrators' days are kept."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=int, default=None, help="Only the years from this one on.")

    def handle(self, *args, since=None, **options):
        result = refresh_from_package(since)
        self.stdout.write(
            f"Holiday calendar {result.years[0]}–{result.years[-1]}: {result.created} days added, "
            f"{result.updated} updated, {result.removed} removed, {result.kept} administrators' days kept."
        )
        year = missing_next_year(clock_source.today())
        if year is not None:
            self.stdout.write(
                self.style.WARNING(
                    f"The package has no calendar for {year} yet: enter it under Licensing settings when the "
                    "State Council publishes it, or upgrade chinesecalendar and run this again."
                )
            )
