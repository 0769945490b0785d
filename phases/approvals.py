"""The rules of the three-party approval of the oppfølgingsavtale (NAV's tiltak agreements).

The participant, the employer and the veileder each approve one version; the version is
active only when all three have. Participants do not log in to this app, so the veileder
records the participant's approval on her behalf, always with one of NAV's reasons, and
records the employer's approval with the name of the person who gave it.
"""

from collections.abc import Iterable

from django.db import models

from .models import ApprovalParty, OnBehalfReason

PARTIES: tuple[str, ...] = tuple(ApprovalParty.values)


class AgreementState(models.TextChoices):
    VENTER = "venter", "Venter på godkjenning"
    AKTIV = "aktiv", "Aktiv"
    ERSTATTET = "erstattet", "Erstattet av en nyere versjon"


def missing_parties(approved: Iterable[str]) -> list[str]:
    """The parties (in the fixed order) that have not approved yet."""
    given = set(approved)
    return [party for party in PARTIES if party not in given]


def missing_text(missing: Iterable[str]) -> str:
    return ", ".join(ApprovalParty(p).label.lower().replace("nav-", "NAV-") for p in missing)


def activation_refusal(approved: Iterable[str]) -> str:
    """Why a version may not become active; "" when all three parties have approved it."""
    missing = missing_parties(approved)
    if not missing:
        return ""
    return (
        "Avtalen blir aktiv først når deltaker, arbeidsgiver og NAV-veileder har godkjent. "
        f"Mangler godkjenning fra: {missing_text(missing)}."
    )


def approval_refusal(*, party: str, on_behalf_reason: str, approver_name: str) -> str:
    """What is wrong with an approval as given; "" when it may be recorded."""
    if party not in PARTIES:
        return "Ukjent part."
    if party == ApprovalParty.DELTAKER:
        if on_behalf_reason not in OnBehalfReason.values:
            return (
                "Velg hvorfor du godkjenner på deltakerens vegne: ingen BankID, reservert mot "
                "digital kommunikasjon eller mangler digitale ferdigheter."
            )
        return ""
    if on_behalf_reason:
        return "Bare deltakerens godkjenning kan gis på deltakerens vegne."
    if party == ApprovalParty.ARBEIDSGIVER and not approver_name.strip():
        return "Skriv navnet på personen hos arbeidsgiveren som godkjente avtalen."
    return ""


def agreement_state(*, activated: bool, is_latest: bool, latest_active: bool) -> str:
    """A version's state: the newest approved one is active until a newer one is approved."""
    if activated and latest_active:
        return AgreementState.AKTIV
    if activated:
        return AgreementState.ERSTATTET
    if is_latest:
        return AgreementState.VENTER
    return AgreementState.ERSTATTET
