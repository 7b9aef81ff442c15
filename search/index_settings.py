"""How the merchant index analyses text: the one place to change it.

The CI server is Elasticsearch's integ-test distribution, whose only registered tokenizer is `standard`
(it splits Chinese into single characters); the `whitespace` and `keyword` analysers exist only prebuilt,
with no lowercase step. So Chinese is segmented and everything is lower-cased in Python (search.analysis),
and the index merely splits on spaces. A full distribution could name richer analysers here (smartcn, ICU,
a synonym filter) without touching the documents or the queries.
"""

# Pre-segmented, lower-cased words separated by spaces.
SEGMENTED_ANALYZER = "whitespace"
# Completion inputs are whole lower-cased prefixes: 红星家政, hongxingjiazheng, hxjz.
SUGGEST_ANALYZER = "keyword"

INDEX_SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
}
