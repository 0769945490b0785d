"""Who may search the sporingslogg: an office's leder (events by her office's users or about
her office's participants) and administrators (everything)."""

import datetime

from django.apps import apps
from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.capabilities import Capability, may
from core.discovery import collect

from .models import AuditAction, AuditEvent


def _protection_q(user, prefix: str = "") -> Q:
    # The rule lives in participants.access, a layer above; it reaches us as an extension.
    q = Q()
    for rule in collect("PROTECTION_FILTERS"):
        q &= rule(user, prefix)
    return q


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    # A row about a protected person is a trace of her: only for users cleared for her, an
    # administrator included (clearance is never implied, participants.access.is_cleared).
    qs = AuditEvent.objects.filter(
        Q(participant__isnull=True) | _protection_q(user, prefix="participant__")
    )
    if user.is_superuser:
        return qs
    if not may(user, Capability.AUDIT_LOG):
        return qs.none()
    office = user.nav_kontor
    return qs.filter(Q(actor_office=office.enhetsnummer) | Q(participant__nav_kontor_id=office.pk))


def hidden_on_lists(user, events) -> set[int]:
    """Of the participants named by these list and export rows, those ``user`` may not know
    of; the page counts without them (one query, none when no row names anyone)."""
    Participant = apps.get_model("participants", "Participant")
    ids = {pk for e in events for pk in e.participant_ids}
    if not ids:
        return set()
    return set(
        Participant.objects.filter(pk__in=ids)
        .exclude(_protection_q(user))
        .values_list("pk", flat=True)
    )


def audit_search(
    user,
    *,
    nav_ident: str = "",
    fodselsnummer: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    qs = audit_events_visible_to(user)
    if nav_ident:
        qs = qs.filter(actor_ident=nav_ident.strip().upper())
    if fodselsnummer:
        qs = qs.filter(participant__fodselsnummer=fodselsnummer)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=datetime.datetime.combine(date_from, datetime.time.min, tz))
    if date_to:
        qs = qs.filter(
            created_at__lt=datetime.datetime.combine(
                date_to + datetime.timedelta(days=1), datetime.time.min, tz
            )
        )
    return qs.select_related("participant").order_by("-created_at", "-id")


def audit_for_participant(participant) -> QuerySet[AuditEvent]:
    """Who looked at her record: direct looks, plus lists she appeared on (for innsyn)."""
    direct = Q(participant=participant)
    if connection.vendor == "postgresql":
        on_list = Q(participant_ids__contains=[participant.pk])
    else:
        # SQLite has no JSON containment; the embedded default only holds demo-sized logs.
        on_list = Q(
            pk__in=[
                e.pk
                for e in AuditEvent.objects.filter(action=AuditAction.LIST).only("participant_ids")
                if participant.pk in e.participant_ids
            ]
        )
    return AuditEvent.objects.filter(direct | on_list).order_by("created_at", "id")


def looks_by_day(participant) -> QuerySet:
    """Her sporingslogg for innsyn, one row per day, user and kind of look, with how many
    times and the first and last time. A caseload opened forty times a day is one line, not
    forty: readable for her, and the document stays a few pages after years of follow-up."""
    return (
        audit_for_participant(participant)
        .order_by()
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "actor_ident", "actor_roles", "actor_office", "action", "what")
        .annotate(times=Count("id"), first=Min("created_at"), last=Max("created_at"))
        .order_by("day", "first", "actor_ident")
    )
