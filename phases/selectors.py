from django.utils import timezone

from participants.followup import is_overdue

from .models import (
    ActivityCard,
    ChecklistItem,
    Fagbrev,
    FollowUpAgreement,
    Kartlegging,
    Meeting,
    PhaseTransition,
)


def phase_section(participant) -> dict:
    """What the participant page shows of the pipeline: five queries whatever the history."""
    today = timezone.localdate()
    due = participant.next_followup_due
    return {
        "days_in_phase": (today - timezone.localdate(participant.phase_entered_at)).days,
        "due": due,
        "overdue": is_overdue(due, today=today),
        "timeline": list(
            PhaseTransition.objects.filter(participant=participant)
            .select_related("actor")
            .order_by("-created_at", "-id")[:50]
        ),
        "checklist": list(
            ChecklistItem.objects.filter(participant=participant, phase=participant.phase)
            .select_related("done_by")
            .order_by("position", "id")
        ),
        "meetings": list(
            Meeting.objects.filter(participant=participant).order_by("-held_on", "-id")[:10]
        ),
        "fagbrev": list(Fagbrev.objects.filter(participant=participant).select_related("laerefag")),
    }


def plan_section(participant) -> dict:
    """Kartlegging, the current follow-up agreement and the activity plan: three queries."""
    return {
        "kartlegging": Kartlegging.objects.filter(participant=participant)
        .select_related("updated_by")
        .first(),
        "agreement": FollowUpAgreement.objects.filter(participant=participant)
        .order_by("-version")
        .first(),
        "activities": list(
            ActivityCard.objects.filter(participant=participant).order_by("-created_at", "-id")[:20]
        ),
    }
