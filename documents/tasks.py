"""The documents' workers: render a document asked for on a page, and hand on lost ones.

The request writes the row; the hand-off to the broker runs after its commit and may fail
(logged): the sweep finds rows never handed on, or lost with a worker, and hands them on.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction

from .services import document_render, documents_to_dispatch, mark_dispatched

log = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # A two-page document lays out in well under a second; a stuck layout is cut off.
    soft_time_limit=100,
    time_limit=120,
)
def render(document_id: int) -> str:
    return document_render(document_id=document_id)


def dispatch(ids: list[int]) -> None:
    """Hand rows to the workers; a broker that is away leaves them to the sweep."""
    for document_id in ids:
        # Stamped before the hand-off, so the stamp never holds the row while a worker wants
        # it; a hand-off that fails leaves it to the sweep like a lost message.
        mark_dispatched([document_id])
        try:
            render.apply_async(
                args=[document_id], queue=settings.DOCUMENTS_QUEUE or None, retry=False
            )
        except Exception:
            log.warning("Document %s not handed to a worker; the sweep will", document_id)
            mark_dispatched([document_id], handed_on=False)


def dispatch_on_commit(document_id: int) -> None:
    transaction.on_commit(lambda: dispatch([document_id]))


@shared_task(soft_time_limit=50, time_limit=55)
def sweep() -> int:
    ids = documents_to_dispatch()
    dispatch(ids)
    return len(ids)
