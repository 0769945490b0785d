from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.utils import timezone

from participants.followup import is_overdue

from .approvals import AgreementState, agreement_state, missing_parties, missing_text
from .models import (
    ActivityCard,
    AgreementApproval,
    ApprovalParty,
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
    """Kartlegging, the current follow-up agreement (with its approvals) and the activity plan:
    four queries."""
    return {
        "kartlegging": Kartlegging.objects.filter(participant=participant)
        .select_related("updated_by")
        .first(),
        **agreement_status(participant),
        "activities": list(
            ActivityCard.objects.filter(participant=participant).order_by("-created_at", "-id")[:20]
        ),
    }


def _with_approvals(queryset):
    newest_active = (
        FollowUpAgreement.objects.filter(participant=OuterRef("participant"))
        .exclude(activated_at=None)
        .values("participant")
        .annotate(v=Max("version"))
        .values("v")
    )
    return queryset.annotate(active_version=Subquery(newest_active)).prefetch_related(
        Prefetch(
            "approvals",
            queryset=AgreementApproval.objects.select_related("approved_by").order_by(
                "approved_at", "id"
            ),
        )
    )


def _decorate(version: FollowUpAgreement, latest_version: int) -> FollowUpAgreement:
    approvals = list(version.approvals.all())
    version.approval_list = approvals
    version.missing = missing_parties(a.party for a in approvals)
    version.missing_labels = [ApprovalParty(p).label for p in version.missing]
    version.missing_text = missing_text(version.missing)
    version.state = agreement_state(
        activated=version.activated_at is not None,
        is_latest=version.version == latest_version,
        latest_active=version.version == version.active_version,
    )
    version.state_label = AgreementState(version.state).label
    return version


def agreement_status(participant) -> dict:
    """The latest version with its approvals and the version in force: two queries."""
    latest = (
        _with_approvals(FollowUpAgreement.objects.filter(participant=participant))
        .order_by("-version")
        .first()
    )
    if latest is None:
        return {"agreement": None, "active_version": None}
    _decorate(latest, latest.version)
    return {"agreement": latest, "active_version": latest.active_version}


def agreement_versions(participant) -> list[FollowUpAgreement]:
    """Every version, newest first, each with its approvals and state: two queries."""
    versions = list(
        _with_approvals(
            FollowUpAgreement.objects.filter(participant=participant).select_related("created_by")
        ).order_by("-version")
    )
    for version in versions:
        _decorate(version, versions[0].version)
    return versions
