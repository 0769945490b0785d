from celery import shared_task

from .aggregate import refresh


@shared_task(name="overview.tasks.refresh_aggregate", time_limit=600, soft_time_limit=540)
def refresh_aggregate() -> str:
    """Beat's nightly rebuild of the county's aggregate (every day before today)."""
    return refresh().through.isoformat()
