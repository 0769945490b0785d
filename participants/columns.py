"""The caseload's columns: which exist, how each cell renders, what each sorts by, and
which ones a user has chosen (kept per user, in her order). The name column is always first.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from core.exceptions import DomainError
from core.html import e as _e

from .followup import is_overdue
from .models import CaseloadColumns


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    cell: Callable  # (participant, today) -> escaped HTML
    sort: str = ""  # a key of selectors.SORTS; "-" + it sorts the other way when that exists
    office_only: bool = False


def _followup(p, today) -> str:
    if not p.next_followup_due:
        return "–"
    overdue = (
        ' <span class="aksel-tag aksel-tag--xsmall" data-variant="strong" '
        'data-color="danger">Forfalt</span>'
        if is_overdue(p.next_followup_due, today=today)
        else ""
    )
    return p.next_followup_due.strftime("%d.%m.%Y") + overdue


COLUMNS: dict[str, Column] = {
    c.key: c
    for c in [
        Column("fodselsnummer", "Fødselsnummer", lambda p, t: _e(p.masked_fodselsnummer)),
        Column("alder", "Alder", lambda p, t: _e(p.age), sort="alder"),
        Column(
            "fase",
            "Fase",
            lambda p, t: (
                f'{_e(p.get_phase_display())} <span class="aksel-detail">({p.days_in_phase} d)</span>'
            ),
            sort="lengst_i_fase",
        ),
        Column("neste_oppfolging", "Neste oppfølging", _followup, sort="neste_oppfolging"),
        Column(
            "innsatsgruppe",
            "Innsatsgruppe",
            lambda p, t: _e(p.get_innsatsgruppe_display()),
            sort="innsatsgruppe",
        ),
        Column(
            "sluttkompetanse",
            "Sluttkompetanse",
            lambda p, t: _e(p.sluttkompetanse or "–"),
            sort="sluttkompetanse",
        ),
        Column("nav_kontor", "NAV-kontor", lambda p, t: _e(p.nav_kontor.name), sort="kontor"),
        Column(
            "veileder",
            "Veileder",
            lambda p, t: _e(p.veileder.name if p.veileder_id else "Ikke tildelt"),
            sort="veileder",
            office_only=True,
        ),
        Column(
            "registrert", "Registrert", lambda p, t: p.created_at.strftime("%d.%m.%Y"), sort="nyest"
        ),
    ]
}
DEFAULT = [k for k in COLUMNS if k != "registrert"]


def chosen_keys(user) -> list[str]:
    """The user's columns in her order, or the default: one query."""
    saved = CaseloadColumns.objects.filter(user=user).values_list("columns", flat=True).first()
    keys = [k for k in (saved or []) if k in COLUMNS]
    return keys or list(DEFAULT)


SESSION_KEY = "caseload_columns"


def session_keys(request) -> list[str]:
    """The user's columns, read once per session: the caseload is the busiest page, and the
    choice changes only on the columns page (which writes the session too)."""
    keys = request.session.get(SESSION_KEY)
    if not keys or not isinstance(keys, list) or not all(k in COLUMNS for k in keys):
        keys = chosen_keys(request.user)
        request.session[SESSION_KEY] = keys
    return keys


def columns_for(request, *, scope: str) -> list[Column]:
    return [
        COLUMNS[k] for k in session_keys(request) if scope == "kontor" or not COLUMNS[k].office_only
    ]


def caseload_columns_save(*, user, keys: list[str]) -> CaseloadColumns:
    """Keep ``keys`` (in this order) as the user's columns; unknown or repeated keys refused."""
    if not keys:
        raise DomainError("Velg minst én kolonne.")
    if len(set(keys)) != len(keys) or not set(keys) <= set(COLUMNS):
        raise DomainError("Ukjent eller gjentatt kolonne.")
    with transaction.atomic():
        chosen, _ = CaseloadColumns.objects.select_for_update().get_or_create(user=user)
        chosen.columns = list(keys)
        try:
            chosen.full_clean()
        except ValidationError as exc:  # pragma: no cover - keys are checked above
            raise DomainError(" ".join(exc.messages)) from None
        chosen.save()
    return chosen
