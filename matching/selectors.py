"""Reads of matches. A markedsrådgiver reaches a participant only through a match, and
only the fields in ``REVIEW_FIELDS``: never through participants.access."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.roles import Role, has_role
from participants.access import VIEW, protection_q, visible_q
from participants.models import Participant

from .models import Match, MatchEvent, MatchStatus

# What the review needs of a participant (data minimisation): name, age, lærefag. The
# match's motivation and shared_summary carry what she agreed to share.
REVIEW_FIELDS = (
    "uuid",
    "status",
    "motivation",
    "shared_summary",
    "created_at",
    "decided_at",
    "decision_reason",
    "participant__first_name",
    "participant__last_name",
    "participant__birth_date",
    "participant__sluttkompetanse__name",
    # Never shown: the sporingslogg's CEF line names her by uuid and flags protected persons.
    "participant__uuid",
    "participant__adressebeskyttelse",
    "participant__skjermet",
    "company__uuid",
    "company__name",
    "company__municipality",
    "company__is_laerebedrift",
)


def _events_prefetch() -> Prefetch:
    return Prefetch("events", queryset=MatchEvent.objects.select_related("actor"))


def matches_for_participant(participant: Participant) -> QuerySet[Match]:
    """A participant's matches for her own page; the caller has resolved access to her."""
    return (
        Match.objects.filter(participant=participant)
        .select_related("company")
        .prefetch_related(_events_prefetch())
        .order_by("-created_at", "-id")
    )


def get_match_for_veileder(user, match_uuid, perm: str = VIEW) -> Match:
    """A match of a participant ``user`` may act on with ``perm``; 404 otherwise."""
    match = (
        Match.objects.filter(
            uuid=match_uuid,
            participant__in=Participant.objects.filter(visible_q(user, perm)).values("pk"),
        )
        .select_related("company", "participant", "participant__sluttkompetanse", "proposed_by")
        .prefetch_related(_events_prefetch())
        .first()
    )
    if match is None:
        raise Http404("Fant ikke matchen.")
    return match


def _reviewable(user) -> QuerySet[Match]:
    if not has_role(user, Role.MARKEDSRADGIVER):
        return Match.objects.none()
    return (
        Match.objects.exclude(status=MatchStatus.FORESLATT)
        .filter(protection_q(user, prefix="participant__"))
        .select_related("participant", "participant__sluttkompetanse", "company")
        .only(*REVIEW_FIELDS)
    )


def review_queue(user) -> QuerySet[Match]:
    """Til vurdering, oldest first: the markedsrådgivere's shared queue."""
    return _reviewable(user).filter(status=MatchStatus.TIL_VURDERING).order_by("created_at", "id")


def get_match_for_review(user, match_uuid) -> Match:
    match = _reviewable(user).filter(uuid=match_uuid).prefetch_related(_events_prefetch()).first()
    if match is None:
        raise Http404("Fant ikke matchen.")
    return match
