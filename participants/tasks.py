import logging

from celery import shared_task

from core.exceptions import DomainError

from .models import Participant
from .services import participant_anonymise, participants_due_for_anonymisation

log = logging.getLogger(__name__)


@shared_task(name="participants.tasks.anonymise_expired", time_limit=600, soft_time_limit=540)
def anonymise_expired(batch: int = 500) -> int:
    """Anonymise ended cases past retention, in batches until none is left; safe to rerun."""
    done = 0
    while True:
        ids = list(participants_due_for_anonymisation(limit=batch).values_list("pk", flat=True))
        if not ids:
            return done
        for participant in Participant.objects.filter(pk__in=ids):
            try:
                done += participant_anonymise(participant=participant)
            except DomainError as exc:
                # Reopened since the scan read it: no longer due, so it leaves the next batch.
                log.info("Not anonymised, participant %s: %s", participant.pk, exc)
