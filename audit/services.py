"""Writing the sporingslogg. One insert per look; never inside the caller's transaction."""

from django.db import transaction

from accounts.roles import roles_of
from core.metrics import AUDIT_ROWS

from . import cef
from .context import current
from .models import AuditAction, AuditEvent


def _write(event: AuditEvent) -> None:
    # Autocommit outside any atomic block: a read stays logged even if the request fails
    # afterwards. Inside a transaction (a service's change) the row commits with the change.
    event.save()
    AUDIT_ROWS.labels(event.action).inc()
    cef.write(event)


def _event(user, *, action: str, participant=None, what: str = "", participant_ids=()):
    ctx = current()
    return AuditEvent(
        actor=user,
        actor_ident=user.nav_ident,
        actor_roles=",".join(sorted(roles_of(user))),
        actor_office=user.nav_kontor.enhetsnummer if user.nav_kontor_id else "",
        participant=participant,
        action=action,
        what=what[:200],
        participant_ids=list(participant_ids),
        ip=ctx.ip if ctx else None,
        request_id=ctx.request_id if ctx else "",
        path=ctx.path if ctx else "",
    )


def audit_participant(user, participant, *, action: str = AuditAction.VIEW, what: str = "") -> None:
    """Log that ``user`` looked at (or changed) ``participant``; once per request and action."""
    ctx = current()
    key = (participant.pk, action)
    if ctx is not None:
        if key in ctx.recorded:
            return
        ctx.recorded.add(key)
    _write(_event(user, action=action, participant=participant, what=what))


def audit_list(user, *, what: str, participant_ids) -> None:
    """One row for a list page, naming who was on it (no per-row writes)."""
    _write(_event(user, action=AuditAction.LIST, what=what, participant_ids=participant_ids))


def audit_change(user, participant, *, what: str) -> None:
    if transaction.get_connection().in_atomic_block:
        _write(_event(user, action=AuditAction.CHANGE, participant=participant, what=what))
    else:  # pragma: no cover - services always call inside their transaction
        audit_participant(user, participant, action=AuditAction.CHANGE, what=what)


def audit_registration_attempt(user, participant) -> None:
    """Someone tried to register a person who is registered already (and whom she may not
    see). Written in every case, so the attempt itself is on record; its CEF line goes out at
    warning level when the person is protected (audit.cef), since that is how one would
    probe for her. The line names her by uuid, never by number or name."""
    _write(_event(user, action=AuditAction.REGISTER_EXISTING, participant=participant))


def audit_export(user, *, what: str, participant_ids) -> None:
    """One row per export, naming whom it identified (pseudonymised rows are not named)."""
    _write(_event(user, action=AuditAction.EXPORT, what=what, participant_ids=participant_ids))


def audit_admin_read(user, *, participant_ids, what: str, single: bool) -> None:
    """A look in Django admin: one participant's page, or a list naming who was on it."""
    if single and len(participant_ids) == 1:
        event = _event(user, action=AuditAction.VIEW, what=what)
        event.participant_id = participant_ids[0]
        _write(event)
    else:
        _write(_event(user, action=AuditAction.LIST, what=what, participant_ids=participant_ids))
