"""The benchmark's register: N merchants with about two outlets each, spread over Nanjing like the demo's.

It reuses the demo's vocabulary, places and generator (demo.merchants), seeded differently, and writes in
batches with bulk_create, which sends no signals: the search stores are built afterwards by the rebuild.
"""

import random
import time

from django.db import transaction

from demo import merchants as demo
from demo.categories import load_categories
from demo.places import load_places
from market.registry.models import Location, Organization

SEED = 20260409
BATCH = 5000
# Extra outlets per merchant beyond the demo's one (chains of small shops are common): 2 outlets on average.
EXTRA_OUTLETS = {0: 45, 1: 30, 2: 15, 3: 6, 5: 4}


class NeverTaken(set):
    """Legal names may repeat at this scale; the generator's uniqueness check would loop for ever."""

    def __contains__(self, item):
        return False


class BenchGenerator(demo.MerchantGenerator):
    def __init__(self, rng: random.Random):
        super().__init__(rng)
        self.legal_names = NeverTaken()
        self.seen_names: dict[str, int] = {}

    def merchants(self, count: int) -> list[demo.MerchantSpec]:
        specs = self.independents(count)
        for spec in specs:
            # A repeated legal name becomes a numbered branch (…第2分店), as the registry would record it.
            repeats = self.seen_names.get(spec.name, 0) + 1
            self.seen_names[spec.name] = repeats
            if repeats > 1:
                spec.name = f"{spec.name}第{repeats}分店"
            first = spec.outlets[0]
            district = self.districts[first.district_code]
            extra = self.rng.choices(list(EXTRA_OUTLETS), list(EXTRA_OUTLETS.values()))[0]
            for _ in range(extra):
                subdistrict = self.rng.choice(district["subdistricts"])
                street = self.rng.choice(subdistrict["streets"])
                outlet = self.outlet(f"{spec.trade_name}（{street}店）", district, subdistrict, first.hours, street)
                outlet.exceptions = list(first.exceptions)
                spec.outlets.append(outlet)
        return specs


def generate(merchants: int, log=print) -> dict:
    """Bring the register to `merchants` merchants (creating only the missing ones); returns the counts."""
    load_places()
    load_categories()
    existing = Organization.objects.count()
    generator = BenchGenerator(random.Random(SEED + existing))
    generator.credit_codes.update(Organization.objects.values_list("unified_social_credit_code", flat=True))
    started = time.monotonic()
    while existing < merchants:
        size = min(BATCH, merchants - existing)
        specs = generator.merchants(size)
        with transaction.atomic():
            organizations = Organization.objects.bulk_create([demo._organization(spec, None) for spec in specs])
            demo._link_categories(specs, organizations)
            outlets = demo._create_outlets(specs, organizations)
            demo._create_services(specs, organizations, outlets)
        existing += size
        elapsed = time.monotonic() - started
        log(f"  generated {existing:,}/{merchants:,} merchants ({elapsed:.0f} s)")
    return {
        "merchants": Organization.objects.count(),
        "listed": Organization.objects.listed().count(),
        "outlets": Location.objects.count(),
    }
