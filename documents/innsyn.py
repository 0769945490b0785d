"""Innsyn (GDPR art. 15): everything the app holds about one participant.

Apps that store more about her list contributors as ``INNSYN_SECTIONS`` in their
extensions module (core.discovery): ``fn(participant) -> list[Section]``.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.roles import role_labels
from audit.models import AuditAction
from audit.selectors import looks_by_day
from core.discovery import collect
from participants.selectors import change_history


@dataclass
class Section:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty_text: str = "Ingen opplysninger."


def _clock(first, last) -> str:
    first, last = timezone.localtime(first), timezone.localtime(last)
    if f"{first:%H:%M}" == f"{last:%H:%M}":
        return f"{first:%H:%M}"
    return f"{first:%H:%M}–{last:%H:%M}"


def _text(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if hasattr(value, "strftime"):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if hasattr(value, "hour")
            else value.strftime("%d.%m.%Y")
        )
    return str(value)


def innsyn_sections(participant) -> list[Section]:
    p = participant
    personal = Section(
        "Personopplysninger",
        fields=[
            ("Navn", p.full_name),
            ("Fødselsnummer/D-nummer", p.fodselsnummer),
            ("Fødselsdato", _text(p.birth_date)),
            ("Telefon", _text(p.phone)),
            ("E-post", _text(p.email)),
            (
                "Adresse",
                _text(" ".join(x for x in [p.street_address, p.postal_code, p.postal_place] if x)),
            ),
            ("NAV-kontor", p.nav_kontor.name),
            ("Veileder", p.veileder.name if p.veileder else "–"),
            ("Innsatsgruppe", p.get_innsatsgruppe_display()),
            ("Ønsket sluttkompetanse", _text(p.sluttkompetanse)),
            ("Fullført videregående", _text(p.vgs_completed)),
            ("Adressebeskyttelse", p.get_adressebeskyttelse_display()),
            ("Skjermet", _text(p.skjermet)),
            ("Fase", p.get_phase_display()),
            ("I fasen siden", _text(p.phase_entered_at)),
            ("Neste oppfølging", _text(p.next_followup_due)),
            ("Registrert", _text(p.created_at)),
        ],
    )
    history = Section(
        "Endringer i opplysningene",
        columns=["Tidspunkt", "Av", "Endring"],
        rows=[
            [
                _text(entry["when"]),
                entry["who"],
                "Registrert"
                if entry["created"]
                else "; ".join(
                    f"{label}: «{old}» → «{new}»" for label, old, new in entry["changes"]
                ),
            ]
            for entry in change_history(p, limit=500)
        ],
    )
    sections = [personal, history]
    for contributor in collect("INNSYN_SECTIONS"):
        sections.extend(contributor(p))
    looks = Section(
        "Hvem har sett på opplysningene dine",
        columns=["Dato", "Bruker", "Rolle", "Kontor", "Hva", "Antall ganger", "Klokkeslett"],
        rows=[
            [
                _text(e["day"]),
                e["actor_ident"],
                role_labels(e["actor_roles"]) or "–",
                e["actor_office"] or "–",
                AuditAction(e["action"]).label + (f" ({e['what']})" if e["what"] else ""),
                str(e["times"]),
                _clock(e["first"], e["last"]),
            ]
            for e in looks_by_day(p)
        ],
        empty_text="Ingen har sett på opplysningene.",
    )
    sections.append(looks)
    return sections


def innsyn_json(participant) -> dict:
    def as_dict(section: Section) -> dict:
        if section.fields:
            return {"tittel": section.title, "felter": dict(section.fields)}
        return {
            "tittel": section.title,
            "rader": [dict(zip(section.columns, row, strict=True)) for row in section.rows],
        }

    return {
        "deltaker": str(participant.uuid),
        "utskrevet": timezone.now().isoformat(),
        "seksjoner": [as_dict(s) for s in innsyn_sections(participant)],
    }
