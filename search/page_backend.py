"""Wagtail's Elasticsearch 8 backend for the site's pages, on the analysis every Elasticsearch distribution has.

Wagtail's own index settings use the ngram, edge_ngram and asciifolding filters of the analysis-common module,
which the CI server (Elasticsearch's integ-test distribution) lacks, so the index could not even be created. Here
those analysers are the standard tokenizer with lowercase (both in core), and the catch-all fields Wagtail searches
split on spaces only, as the merchant index does: every page carries a copy of its text segmented by
search.analysis (cms.models.SitePage.search_text_segmented), and the page search sends the query's words segmented
the same way (search.pages), so 社区服务 matches that word, not any page holding its four characters.

Configured as Wagtail's default search backend when ELASTICSEARCH_URL is set (market/settings/base.py), beside the
database backend, which Wagtail keeps up to date too and which answers while Elasticsearch does not.
"""

from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend

from search.index_settings import SEGMENTED_ANALYZER

CORE_ANALYZER = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}


class PageMapping(Elasticsearch8Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if name.startswith("_all_text"):
                field["analyzer"] = SEGMENTED_ANALYZER
        return mapping


class PageSearchBackend(Elasticsearch8SearchBackend):
    mapping_class = PageMapping
    settings = {
        "settings": {
            "analysis": {"analyzer": {"ngram_analyzer": CORE_ANALYZER, "edgengram_analyzer": CORE_ANALYZER}},
            "number_of_shards": 1,
            "number_of_replicas": 0,
        }
    }


SearchBackend = PageSearchBackend
