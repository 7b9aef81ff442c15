"""`manage.py search_index_drift`: how the search stores differ from the register, and `--repair` to fix it.

Every listed merchant's record is built afresh and its content hash compared with the one each store holds, so a
change no event announced (a bulk SQL UPDATE of a name or an address) is found as "changed".

Exits with status 1 when drift is found and not repaired, so a cron job or a deploy check can alert on it.
"""

import sys

from django.core.management.base import BaseCommand

from search import maintenance
from search.engine import elasticsearch_configured
from search.indexes import indices_behind_alias

SHOWN_IDS = 50


def _ids(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:SHOWN_IDS]))
    return shown + (f" … and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


class Command(BaseCommand):
    help = "Compare the search entries and the Elasticsearch index with the register; --repair reindexes."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Reindex or delete every merchant that differs.")

    def handle(self, *args, repair: bool, **options):
        register = maintenance.register_hashes()
        drifts = [maintenance.database_drift(register)]
        if elasticsearch_configured():
            if not indices_behind_alias():
                self.stdout.write(self.style.ERROR("There is no Elasticsearch index yet: run rebuild_search_index."))
                sys.exit(1)
            drifts.append(maintenance.index_drift(register))
        for drift in drifts:
            self.stdout.write(
                f"{drift.store}: {drift.register_count:,} listed in the register, {drift.store_count:,} in the store"
            )
            for label, ids in (("missing", drift.missing), ("extra", drift.extra), ("changed", drift.changed)):
                if ids:
                    self.stdout.write(f"  {label} ({len(ids)}): {_ids(ids)}")
        differing = sorted({pk for drift in drifts for pk in drift.differing})
        if not differing:
            self.stdout.write(self.style.SUCCESS("No drift."))
            return
        if not repair:
            self.stdout.write(self.style.WARNING(f"{len(differing)} merchants differ; run with --repair to fix."))
            sys.exit(1)
        repaired = maintenance.repair(drifts)
        self.stdout.write(self.style.SUCCESS(f"Repaired {repaired} merchants."))
