"""The documents a participant has, for the list on her page: four queries, whatever the count."""

from dataclasses import dataclass

from django.urls import reverse

from consent.models import Consent
from jobbloop.models import LoopCandidate
from phases.models import FollowUpAgreement, Meeting


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    detail: str
    url: str


def participant_documents(participant) -> dict:
    """Samtykker, every version of the oppfølgingsavtale, a referat per meeting and the
    felles attest per JobbLoop place; each links to the view that renders or serves it."""
    uuid = participant.uuid
    consents = [
        Document(
            "samtykke",
            c.get_purpose_display(),
            f"Gitt {c.given_on:%d.%m.%Y}"
            + (f", trukket {c.withdrawal.withdrawn_on:%d.%m.%Y}" if _withdrawn(c) else "")
            + ("" if c.document else " · skjema til signering"),
            reverse("consent:scan_download", args=[uuid, c.uuid])
            if c.document
            else reverse("documents:consent_form", args=[uuid, c.purpose]),
        )
        for c in Consent.objects.filter(participant=participant)
        .select_related("withdrawal")
        .order_by("-given_on", "-id")
    ]
    agreements = [
        Document(
            "oppfolgingsavtale",
            f"Oppfølgingsavtale versjon {a.version}",
            f"Laget {a.created_at:%d.%m.%Y}"
            + (f", aktiv fra {a.activated_at:%d.%m.%Y}" if a.activated_at else ", ikke godkjent"),
            reverse("documents:agreement_version", args=[uuid, a.version]),
        )
        for a in FollowUpAgreement.objects.filter(participant=participant)
        .only("version", "created_at", "activated_at")
        .order_by("-version")
    ]
    meetings = [
        Document(
            "motereferat",
            f"Møtereferat: {m.get_kind_display()}",
            f"{m.held_on:%d.%m.%Y}, {m.get_place_display().lower()}",
            reverse("documents:meeting", args=[uuid, m.uuid]),
        )
        for m in Meeting.objects.filter(participant=participant)
        .only("uuid", "kind", "held_on", "place")
        .order_by("-held_on", "-id")
    ]
    certificates = [
        Document(
            "felles_attest",
            f"Felles attest – {c.loop.name}",
            f"Gikk ut {c.left_on:%d.%m.%Y}"
            if c.left_on
            else f"Året er fullført {c.certificate_due_at:%d.%m.%Y}",
            reverse("documents:loop_certificate", args=[c.loop.uuid, c.uuid]),
        )
        for c in LoopCandidate.objects.filter(participant=participant)
        .select_related("loop")
        .order_by("-loop__start_date", "-id")
    ]
    return {
        "groups": [
            ("Samtykker", consents),
            ("Oppfølgingsavtaler", agreements),
            ("Møtereferater", meetings),
            ("Felles attest fra JobbLoop", certificates),
        ],
        "count": len(consents) + len(agreements) + len(meetings) + len(certificates),
    }


def _withdrawn(consent) -> bool:
    try:
        return consent.withdrawal is not None
    except Consent.withdrawal.RelatedObjectDoesNotExist:
        return False
