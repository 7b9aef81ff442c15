"""The merchant index on Elasticsearch: versioned indices behind one alias, rebuilt in bulk and swapped
without downtime. How text is analysed is said once, in search.index_settings.
"""

import datetime

from django.conf import settings
from elasticsearch import NotFoundError
from elasticsearch.helpers import streaming_bulk

from search.documents import MerchantDocument, merchant_document
from search.engine import elasticsearch_client
from search.index_settings import INDEX_SETTINGS
from search.records import merchant_records


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-merchants"


def create_index(client=None) -> str:
    """A new, empty, versioned index with the explicit mapping; returns its name."""
    client = client or elasticsearch_client()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    name = f"{alias_name()}-{stamp}"
    client.indices.create(index=name, settings=INDEX_SETTINGS, mappings=MerchantDocument._doc_type.mapping.to_dict())
    return name


def bulk_index(queryset=None, chunk_size: int = 500, index: str | None = None, client=None) -> int:
    """Index every listed merchant of the queryset (all when None) into `index` (the alias when None).
    Returns how many documents were written; raises BulkIndexError if any was refused."""
    client = client or elasticsearch_client()
    target = index or alias_name()
    actions = (
        merchant_document(record, target).to_dict(include_meta=True)
        for record in merchant_records(queryset, chunk_size=chunk_size)
    )
    written = 0
    for ok, _item in streaming_bulk(client, actions, chunk_size=chunk_size, max_retries=2):
        written += ok
    return written


def indices_behind_alias(client=None) -> list[str]:
    client = client or elasticsearch_client()
    try:
        return sorted(client.indices.get_alias(name=alias_name()).body)
    except NotFoundError:
        return []


def switch_alias(index: str, delete_old: bool = True, client=None) -> list[str]:
    """Point the alias at `index` in one atomic step, so searches never see an empty or half-built index.
    Returns the indices it left (deleted unless told otherwise)."""
    client = client or elasticsearch_client()
    alias = alias_name()
    old = [name for name in indices_behind_alias(client) if name != index]
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    if delete_old and old:
        client.indices.delete(index=",".join(old))
    return old


def rebuild(queryset=None, chunk_size: int = 500, client=None) -> tuple[str, int]:
    """Build a fresh index in bulk, then swap the alias to it. Returns the index name and document count."""
    client = client or elasticsearch_client()
    index = create_index(client)
    count = bulk_index(queryset, chunk_size=chunk_size, index=index, client=client)
    client.indices.refresh(index=index)
    switch_alias(index, client=client)
    return index, count


def delete_document(organization_id: int, client=None) -> bool:
    """Remove a merchant from the live index at once; False when it was not there."""
    client = client or elasticsearch_client()
    response = client.options(ignore_status=404).delete(index=alias_name(), id=str(organization_id), refresh=True)
    return response.get("result") == "deleted"
