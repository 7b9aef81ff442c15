import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.production")

application = get_wsgi_application()

from search.analysis import tokenizer  # noqa: E402 (needs the settings above)

# The search's segmenter is loaded now rather than on a resident's first search; then everything loaded so far
# (Django, Wagtail, the segmenter's dictionaries) is kept out of the garbage collector's scans: it lives as long as
# the worker, and scanning it again and again cost about half a millisecond a search (profiled on the search API).
tokenizer()
gc.freeze()
