"""The sporingslogg: kept, since it must show who looked; after anonymisation it points at
the pseudonym only."""

from django.utils import timezone

from accounts.roles import role_labels
from core.personal_data import Declaration, Keep, Section

from .models import AuditAction
from .selectors import looks_by_day


def _clock(first, last) -> str:
    first, last = timezone.localtime(first), timezone.localtime(last)
    if f"{first:%H:%M}" == f"{last:%H:%M}":
        return f"{first:%H:%M}"
    return f"{first:%H:%M}–{last:%H:%M}"


def looks_section(participant) -> Section:
    return Section(
        "Hvem har sett på opplysningene dine",
        columns=["Dato", "Bruker", "Rolle", "Kontor", "Hva", "Antall ganger", "Klokkeslett"],
        rows=[
            [
                e["day"],
                e["actor_ident"],
                role_labels(e["actor_roles"]) or "–",
                e["actor_office"] or "–",
                AuditAction(e["action"]).label + (f" ({e['what']})" if e["what"] else ""),
                str(e["times"]),
                _clock(e["first"], e["last"]),
            ]
            for e in looks_by_day(participant)
        ],
        empty_text="Ingen har sett på opplysningene.",
    )


DECLARATIONS = [
    Declaration(
        model="audit.AuditEvent",
        path="participant",
        title="Hvem har sett på opplysningene dine",
        order=99,
        columns=(),
        anonymise=Keep(
            "Sporingsloggen kan ikke endres: den viser hvem som så på saken, og peker etter "
            "anonymiseringen bare på pseudonymet."
        ),
        # Shown by day and user, not row by row.
        build=looks_section,
    ),
]
