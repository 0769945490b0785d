"""What participants holds about her: her record, its history and explicit grants."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, LPad, Now, TruncYear

from core.personal_data import Declaration, Delete, Derived, Section, Wipe

from .selectors import change_history


def _address(p) -> str:
    return " ".join(x for x in [p.street_address, p.postal_code, p.postal_place] if x)


def _history_section(participant) -> Section:
    return Section(
        "Endringer i opplysningene",
        columns=["Tidspunkt", "Av", "Endring"],
        rows=[
            [
                entry["when"],
                entry["who"],
                "Registrert"
                if entry["created"]
                else "; ".join(
                    f"{label}: «{old}» → «{new}»" for label, old, new in entry["changes"]
                ),
            ]
            for entry in change_history(participant, limit=500)
        ],
    )


_PK_TEXT = Cast(F("pk"), output_field=CharField())

DECLARATIONS = [
    Declaration(
        model="participants.Participant",
        path="",
        title="Personopplysninger",
        order=10,
        single=True,
        columns=(
            ("Navn", "full_name"),
            ("Fødselsnummer/D-nummer", "fodselsnummer"),
            ("Fødselsdato", "birth_date"),
            ("Telefon", "phone"),
            ("E-post", "email"),
            ("Adresse", _address),
            ("NAV-kontor", "nav_kontor__name"),
            ("Veileder", "veileder__name"),
            ("Innsatsgruppe", "get_innsatsgruppe_display"),
            ("Ønsket sluttkompetanse", "sluttkompetanse__name"),
            ("Fullført videregående", "vgs_completed"),
            ("Adressebeskyttelse", "get_adressebeskyttelse_display"),
            ("Skjermet", "skjermet"),
            ("Fase", "get_phase_display"),
            ("I fasen siden", "phase_entered_at"),
            ("Neste oppfølging", "next_followup_due"),
            ("Registrert", "created_at"),
        ),
        # The row stays (the sporingslogg points at it) under a pseudonym; the birth year
        # stays for statistics by age band.
        anonymise=Wipe(
            values={
                "first_name": Value("Anonymisert"),
                "last_name": Concat(Value("deltaker "), _PK_TEXT),
                "fodselsnummer": Concat(Value("A"), LPad(_PK_TEXT, 10, Value("0"))),
                "birth_date": TruncYear("birth_date"),
                "anonymised_at": Now(),
            }
        ),
        # Shown as a diff by the derived section below, not as raw copies.
        history_title="",
    ),
    Declaration(
        model="participants.ParticipantUserObjectPermission",
        path="content_object",
        title="Særskilte tilganger til saken",
        order=12,
        columns=(("Bruker", "user__name"), ("Tilgang", "permission__name")),
        anonymise=Delete(),
    ),
]

SECTIONS = [Derived(order=11, build=_history_section)]
