"""CPU milliseconds and queries per request for a few public pages, in process with Django's test client.

A quick before/after check on the demo data (`manage.py load_demo`), not the peer benchmark (bench/):

    DATABASE_URL=sqlite:///… .venv/bin/python scripts/page_cost.py [--runs 30]

Each page is requested once to warm the caches, then `--runs` times; the median CPU time (this process's user +
system time, so waiting for the database is not counted on PostgreSQL) and the queries of the last run are shown,
with the load average.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))  # the checkout it is run in: before/after on two checkouts
# The test settings: DEBUG off as in production, static files named as they are (no collectstatic manifest).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.models import PolicyPage, StandardPage
    from market.registry.models import Organization

    settings.DEBUG = False
    logging.disable(logging.INFO)  # the request log's line per request is not what is measured
    content = (
        PolicyPage.objects.live().filter(locale__language_code="zh-hans").first() or StandardPage.objects.live().first()
    )
    merchant = Organization.objects.listed().order_by("pk").first()
    pages = {
        "home": "/",
        "content page": content.url,
        "register list": "/merchants/",
        "merchant page": f"/merchants/{merchant.pk}/",
        "search": "/search/?q=%E5%AE%B6%E6%94%BF",
        "notices list": "/notices/",
    }
    client = Client(SERVER_NAME="127.0.0.1")
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"{'page':<15} {'url':<45} {'status':>6} {'cpu ms':>8} {'queries':>8} {'bytes':>8}")
    for name, url in pages.items():
        client.get(url)
        times = []
        for _ in range(arguments.runs):
            started = time.process_time()
            response = client.get(url)
            times.append((time.process_time() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        print(
            f"{name:<15} {url:<45} {response.status_code:>6} {statistics.median(times):>8.1f} "
            f"{len(queries):>8} {len(response.content):>8}"
        )
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
