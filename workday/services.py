"""Writes of the workday app: huskelapp and fargekategori, saved filters, visits."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_change
from core.exceptions import DomainError
from participants.access import may_change
from participants.models import Participant

from .models import NOTE_MAX, Category, ParticipantLook, ParticipantMark, SavedFilter, Visit

# A deadline further off than this is a typing error, not a plan.
DEADLINE_WINDOW = datetime.timedelta(days=366)
MAX_FILTERS = 30


def mark_save(
    *,
    participant: Participant,
    actor: User,
    note: str,
    deadline: datetime.date | None,
    category: str,
) -> ParticipantMark | None:
    """Set the huskelapp and fargekategori; an empty note without category removes both."""
    if not may_change(actor, participant.pk):
        raise DomainError("Du kan ikke endre denne deltakeren.")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise DomainError(f"Huskelappen kan ha høyst {NOTE_MAX} tegn.")
    if category and category not in Category.values:
        raise DomainError("Ukjent fargekategori.")
    if deadline is not None:
        today = timezone.localdate()
        if not today - DEADLINE_WINDOW <= deadline <= today + DEADLINE_WINDOW:
            raise DomainError("Fristen må være innen ett år fra i dag.")
        if not note:
            raise DomainError("En frist trenger en huskelapp som sier hva den gjelder.")
    with transaction.atomic():
        current = (
            ParticipantMark.objects.select_for_update().filter(participant=participant).first()
        )
        before = (current.note, current.deadline, current.category) if current else ("", None, "")
        after = (note, deadline, category)
        if before == after:
            return current
        changed = []
        if before[0] != note or before[1] != deadline:
            changed.append("huskelapp")
        if before[2] != category:
            changed.append("fargekategori")
        if not note and not category:
            ParticipantMark.objects.filter(participant=participant).delete()
            mark = None
        else:
            mark, _ = ParticipantMark.objects.update_or_create(
                participant=participant,
                defaults={
                    "note": note,
                    "deadline": deadline,
                    "category": category,
                    "updated_by": actor,
                    "updated_at": timezone.now(),
                },
            )
        audit_change(actor, participant, what="Endret " + " og ".join(changed))
    return mark


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise DomainError("Filteret trenger et navn.")
    if len(name) > 60:
        raise DomainError("Navnet kan ha høyst 60 tegn.")
    return name


def saved_filter_create(*, user: User, scope: str, name: str, params: dict) -> SavedFilter:
    name = _clean_name(name)
    params = {k: v for k, v in params.items() if v not in ("", None, False)}
    if not params:
        raise DomainError("Velg minst ett filter før du lagrer.")
    with transaction.atomic():
        # Lock the user's row: two saves at once must not both take the last position.
        User.objects.select_for_update(of=("self",)).filter(pk=user.pk).values_list("pk").first()
        existing = SavedFilter.objects.filter(user=user, scope=scope)
        if existing.count() >= MAX_FILTERS:
            raise DomainError(f"Du kan ha høyst {MAX_FILTERS} lagrede filtre.")
        last = existing.order_by("-position").values_list("position", flat=True).first()
        try:
            with transaction.atomic():
                return SavedFilter.objects.create(
                    user=user,
                    scope=scope,
                    name=name,
                    params=params,
                    position=0 if last is None else last + 1,
                )
        except IntegrityError:
            raise DomainError("Du har allerede et filter med dette navnet.") from None


def saved_filter_rename(*, saved: SavedFilter, user: User, name: str) -> SavedFilter:
    name = _clean_name(name)
    if saved.user_id != user.pk:
        raise DomainError("Fant ikke filteret.")
    if saved.name == name:
        return saved
    try:
        with transaction.atomic():
            SavedFilter.objects.filter(pk=saved.pk).update(name=name)
    except IntegrityError:
        raise DomainError("Du har allerede et filter med dette navnet.") from None
    saved.name = name
    return saved


def saved_filter_delete(*, saved: SavedFilter, user: User) -> None:
    SavedFilter.objects.filter(pk=saved.pk, user=user).delete()


def saved_filter_move(*, saved: SavedFilter, user: User, up: bool) -> None:
    """Swap with the neighbour above or below; renumbers the list so positions stay 0..n-1."""
    with transaction.atomic():
        rows = list(
            SavedFilter.objects.select_for_update()
            .filter(user=user, scope=saved.scope)
            .order_by("position", "id")
        )
        ids = [r.pk for r in rows]
        if saved.pk not in ids:
            raise DomainError("Fant ikke filteret.")
        i = ids.index(saved.pk)
        j = i - 1 if up else i + 1
        if not 0 <= j < len(ids):
            return
        ids[i], ids[j] = ids[j], ids[i]
        for position, pk in enumerate(ids):
            row = next(r for r in rows if r.pk == pk)
            if row.position != position:
                SavedFilter.objects.filter(pk=pk).update(position=position)


def visit_record(*, user: User, now: datetime.datetime | None = None) -> datetime.datetime:
    """Record a look at Min dag; return where "since last visit" begins.

    It begins at the last visit on an earlier day, so looking twice in a morning does not
    hide what came in overnight. A first visit looks back one week."""
    now = now or timezone.now()
    visit = Visit.objects.filter(user=user).first()
    if visit is None:
        since = now - datetime.timedelta(days=7)
        Visit.objects.create(user=user, since=since, last_seen_at=now)
        return since
    if timezone.localdate(visit.last_seen_at) < timezone.localdate(now):
        visit.since = visit.last_seen_at
    visit.last_seen_at = now
    Visit.objects.filter(pk=visit.pk).update(since=visit.since, last_seen_at=now)
    return visit.since


def changes_mark_read(*, user: User, participant: Participant, now=None) -> None:
    """Siste endringer: everything up to now about her counts as read by this user."""
    ParticipantLook.objects.update_or_create(
        user=user, participant=participant, defaults={"seen_at": now or timezone.now()}
    )
