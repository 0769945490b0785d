"""Career guidance (interest, appointments, the note, kompetansekartlegging) and what was
disclosed about her to others, under which consent."""

from consent.models import Consent, ConsentPurpose
from core.personal_data import Declaration, Delete, Derived, Section, Wipe
from matching.models import Match

from .models import GuidanceNote, KompetanseRequest

DECLARATIONS = [
    Declaration(
        model="careerguidance.GuidanceInterest",
        path="participant",
        title="Interesse for fagbrev",
        order=65,
        ordering=("informed_on", "id"),
        columns=(("Informert om Karrieresenteret", "informed_on"), ("Merknad", "note")),
        anonymise=Wipe(),
    ),
    Declaration(
        model="careerguidance.Appointment",
        path="participant",
        title="Karriereveiledning: avtaler",
        order=66,
        ordering=("starts_at", "id"),
        columns=(
            ("Tidspunkt", "starts_at"),
            ("Samtale nummer", "session_number"),
            ("Form", "get_mode_display"),
            ("Sted", "location"),
            ("Karriereveileder", "karriereveileder__name"),
            ("Veileder deltar", "veileder_attends"),
            ("Status", "get_status_display"),
        ),
        anonymise=Wipe(),
    ),
    Declaration(
        model="careerguidance.GuidanceNote",
        path="appointment__participant",
        title="Karriereveiledning: notatet",
        order=67,
        ordering=("appointment__starts_at", "id"),
        columns=(
            ("Samtale", "appointment__session_number"),
            ("Skole- og arbeidserfaring", "school_work_experience"),
            ("Interesser", "interests"),
            ("Egenskaper brukt og utviklet", "qualities"),
            ("Motivasjons- og mestringsfaktorer", "motivation_mastery"),
            ("Verdier", "values"),
            ("Behov", "needs"),
            ("Veien videre", "way_forward"),
            ("Spørsmål til NAV eller fagopplæringen", "open_questions"),
            ("Skrevet av", "author__name"),
        ),
        anonymise=Delete(),
    ),
    Declaration(
        model="careerguidance.KompetanseRequest",
        path="participant",
        title="Kompetansekartlegging",
        order=68,
        ordering=("requested_at", "id"),
        columns=(
            ("Sendt", "requested_at"),
            ("Hva ønskes kartlagt", "question"),
            ("Fag som er fullført", "completed_subjects"),
            ("Relevant praksis", "relevant_practice"),
            ("Vei til fagbrev", "get_path_display"),
            ("Anslått varighet (måneder)", "estimated_months"),
            ("Foreløpig opplæringsplan", "plan_text"),
            ("Besvart", "answered_at"),
        ),
        anonymise=Wipe(),
    ),
]


def _consent_text(consent) -> str:
    return f"{consent.get_purpose_display()}, gitt {consent.given_on:%d.%m.%Y}"


def disclosures_section(participant) -> Section:
    """What was shared with whom, when, and under which consent (three queries)."""
    rows = []
    for kk in KompetanseRequest.objects.filter(participant=participant).select_related("consent"):
        rows.append(
            (
                kk.requested_at,
                "Fagopplæringen i fylkeskommunen",
                "Forespørsel om kompetansekartlegging: " + (kk.question or "navn og fødselsdato"),
                _consent_text(kk.consent),
            )
        )
    shared_note = (
        Consent.objects.filter(participant=participant, purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE)
        .select_related("withdrawal")
        .order_by("given_on", "id")
    )
    has_note = GuidanceNote.objects.filter(appointment__participant=participant).exists()
    for consent in shared_note:
        if has_note:
            rows.append(
                (
                    consent.given_on,
                    "NAV-veilederen din",
                    "Notatet fra karriereveiledningen",
                    _consent_text(consent),
                )
            )
    for match in (
        Match.objects.filter(participant=participant)
        .exclude(shared_summary="")
        .select_related("company")
    ):
        rows.append(
            (
                match.created_at,
                f"Markedsrådgiver i NAV, for match med {match.company.name}",
                match.shared_summary,
                "Det du sa ja til å dele da matchen ble foreslått",
            )
        )
    rows.sort(key=lambda r: str(r[0]))
    return Section(
        "Utleverte opplysninger",
        columns=["Når", "Til hvem", "Hva", "Samtykke"],
        rows=[list(r) for r in rows],
    )


SECTIONS = [Derived(order=95, build=disclosures_section)]
