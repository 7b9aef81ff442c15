"""The merchant index on Elasticsearch: versioned indices behind one alias, swapped without downtime (the
rebuild that fills a new one is search.maintenance.rebuild_search). How text is analysed is said once, in
search.index_settings.
"""

import datetime

from django.conf import settings
from elasticsearch import NotFoundError

from search.documents import MerchantDocument
from search.engine import elasticsearch_client
from search.index_settings import INDEX_SETTINGS


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-merchants"


def create_index(client=None) -> str:
    """A new, empty, versioned index with the explicit mapping; returns its name."""
    client = client or elasticsearch_client()
    # Real time, not the clock source: the stamp only keeps index names apart, and a moved (fixed) clock would
    # give two rebuilds the same name.
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    name = f"{alias_name()}-{stamp}"
    # One replica on a cluster (ELASTICSEARCH_REPLICAS), none on a single node, where it could never be placed.
    index_settings = INDEX_SETTINGS | {"number_of_replicas": settings.ELASTICSEARCH_REPLICAS}
    client.indices.create(index=name, settings=index_settings, mappings=MerchantDocument._doc_type.mapping.to_dict())
    return name


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


def delete_document(organization_id: int, client=None) -> bool:
    """Remove a merchant from the live index at once; False when it was not there."""
    client = client or elasticsearch_client()
    response = client.options(ignore_status=404).delete(index=alias_name(), id=str(organization_id), refresh=True)
    return response.get("result") == "deleted"
