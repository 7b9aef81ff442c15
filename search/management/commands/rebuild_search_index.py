"""`manage.py rebuild_search_index`: the search entries and a new Elasticsearch index from the register, in
bulk, then the alias swapped to the new index and the old one deleted. Searches never see a gap."""

from django.core.management.base import BaseCommand, CommandError

from search.engine import elasticsearch_configured
from search.maintenance import default_workers, listed_ids, rebuild_search
from search.management.progress import Progress


class Command(BaseCommand):
    help = "Rebuild the database search entries and the Elasticsearch index from the register."

    def add_arguments(self, parser):
        only = parser.add_mutually_exclusive_group()
        only.add_argument("--database-only", action="store_true", help="Rebuild only the database search entries.")
        only.add_argument("--elasticsearch-only", action="store_true", help="Rebuild only the Elasticsearch index.")
        parser.add_argument(
            "--workers", type=int, default=None, help="Processes that build records (default: one per core, max 4)."
        )

    def handle(self, *args, database_only, elasticsearch_only, workers, **options):
        elasticsearch = not database_only and elasticsearch_configured()
        if elasticsearch_only and not elasticsearch_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no index to rebuild.")
        database = not elasticsearch_only
        chosen = {"database": database, "Elasticsearch": elasticsearch}
        stores = " and ".join(name for name, wanted in chosen.items() if wanted)
        progress = Progress(f"Indexing ({stores})", len(listed_ids()), self.stdout)
        result = rebuild_search(
            database=database,
            elasticsearch=elasticsearch,
            workers=default_workers() if workers is None else workers,
            advance=progress.advance,
        )
        seconds = progress.finish()
        rate = result.merchants / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(f"{result.merchants:,} listed merchants indexed in {seconds:.1f} s ({rate:,.0f}/s).")
        )
        if database:
            self.stdout.write(f"Database search entries: {result.entries:,}.")
        if elasticsearch:
            replaced = ", ".join(result.replaced) or "none"
            self.stdout.write(
                f"Elasticsearch: {result.documents:,} documents in {result.index}; alias switched; "
                f"deleted the old index: {replaced}."
            )
