from celery import shared_task

from .models import Participant
from .services import participant_anonymise, participants_due_for_anonymisation


@shared_task(name="participants.tasks.anonymise_expired", time_limit=600, soft_time_limit=540)
def anonymise_expired(batch: int = 500) -> int:
    """Anonymise ended cases past retention, in batches until none is left; safe to rerun."""
    done = 0
    while True:
        ids = list(participants_due_for_anonymisation(limit=batch).values_list("pk", flat=True))
        if not ids:
            return done
        for participant in Participant.objects.filter(pk__in=ids):
            done += participant_anonymise(participant=participant)
