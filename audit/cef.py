"""The sporingslogg as CEF lines for NAV's central audit system (ArcSight's Common Event Format).

One line per look-up, to the logger ``auditLogger`` (NAV's name for it), never mixed with the
application log. The person looked up is named by her uuid in the app, not her fødselsnummer:
no log line carries one. Looks at protected persons go at warning level.
"""

import datetime
import logging

cef_log = logging.getLogger("auditLogger")

VERSION = "1.0"


def _header(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _extension(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("=", "\\=")
    return value.replace("\r", " ").replace("\n", " ")


_NEEDED = {"uuid", "adressebeskyttelse", "skjermet"}


def _about(participant):
    """The person looked up, as far as the line needs her: her uuid and whether she is protected.

    Pages that load only some of her columns get the rest in one query, not one per field."""
    if participant is None:
        return None
    if _NEEDED & participant.get_deferred_fields():
        row = type(participant)._base_manager.filter(pk=participant.pk).values(*_NEEDED).first()
        participant = type(participant)(pk=participant.pk, **row)
    return participant


def line(event, *, protected: bool, participant=None) -> str:
    fields = {
        # CEF's date form, not epoch milliseconds: thirteen digits would be masked as a
        # fødselsnummer by every handler's filter (core.logging).
        "end": event.created_at.astimezone(datetime.UTC).strftime("%b %d %Y %H:%M:%S.%f")[:-3]
        + " UTC",
        "suid": event.actor_ident,
        "duid": str(participant.uuid) if participant is not None else "",
        "act": event.action,
        "request": event.path,
        "sproc": event.request_id,
        "src": event.ip or "",
        "msg": event.what,
    }
    if event.participant_ids:
        fields["cn1"] = str(len(event.participant_ids))
        fields["cn1Label"] = "antall deltakere"
    extension = " ".join(f"{key}={_extension(value)}" for key, value in fields.items() if value)
    severity = "WARN" if protected else "INFO"
    name = _header(event.get_action_display())
    return f"CEF:0|trondelag|AuditLogger|{VERSION}|audit:{_header(event.action)}|{name}|{severity}|{extension}"


def write(event) -> None:
    participant = _about(event.participant)
    protected = bool(participant is not None and participant.is_protected)
    cef_log.log(
        logging.WARNING if protected else logging.INFO,
        line(event, protected=protected, participant=participant),
    )
