"""Background work of the search layer. In production `manage.py db_worker` runs it (django_tasks_db);
in development and tests the immediate backend runs it as it is enqueued. A reindex that fails (Elasticsearch
unreachable) is retried (market/tasks.py); `search_index_drift --repair` catches what still slips."""

from market.tasks import retrying_task
from search.sync import reindex_merchants


@retrying_task()
def reindex(organization_ids: list[int]) -> int:
    """Bring these merchants' search entries and index documents in step with the register."""
    return reindex_merchants(organization_ids)
