"""Background work of the search layer. In production `manage.py db_worker` runs it (django_tasks_db);
in development and tests the immediate backend runs it as it is enqueued."""

from django_tasks import task

from search.sync import reindex_merchants


@task()
def reindex(organization_ids: list[int]) -> int:
    """Bring these merchants' search entries and index documents in step with the register."""
    return reindex_merchants(organization_ids)
