"""The one place that answers "may this be done for her now?" and records consents."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from audit.services import audit_change
from core.exceptions import DomainError
from participants.access import may_change
from participants.models import Participant

from .models import Consent, ConsentMethod, ConsentPurpose, ConsentWithdrawal


def valid_consents(*, on: datetime.date | None = None) -> QuerySet[Consent]:
    on = on or timezone.localdate()
    return (
        Consent.objects.filter(given_on__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .exclude(withdrawal__withdrawn_on__lte=on)
    )


def valid_consent_exists(purpose: str, participant_ref=None) -> Exists:
    """For annotations and filters: a valid consent of ``purpose`` for the outer participant."""
    return Exists(
        valid_consents().filter(purpose=purpose, participant=participant_ref or OuterRef("pk"))
    )


def consent_valid(*, participant: Participant, purpose: str, on=None) -> Consent | None:
    return valid_consents(on=on).filter(participant=participant, purpose=purpose).first()


class ConsentMissing(DomainError):
    """Refusal for want of a consent; views use ``purpose`` to offer recording it."""

    def __init__(self, purpose: str):
        super().__init__(
            f"Mangler samtykke: {ConsentPurpose(purpose).label}. Registrer samtykke først."
        )
        self.purpose = purpose


def consent_require(*, participant: Participant, purpose: str) -> Consent:
    consent = consent_valid(participant=participant, purpose=purpose)
    if consent is None:
        raise ConsentMissing(purpose)
    return consent


def consents_of(participant: Participant) -> list[Consent]:
    """Her consents, newest first, each with ``valid_now`` by the rule of valid_consents."""
    return list(
        Consent.objects.filter(participant=participant)
        .select_related("withdrawal")
        .annotate(valid_now=Exists(valid_consents().filter(pk=OuterRef("pk"))))
        .order_by("-given_on", "-id")
    )


def status_of(consents: list[Consent]) -> dict[str, bool]:
    """Purpose -> valid now, from a list from consents_of (no query of its own)."""
    valid = {consent.purpose for consent in consents if consent.valid_now}
    return {purpose: purpose in valid for purpose in ConsentPurpose.values}


def consent_record(
    *,
    participant: Participant,
    actor: User,
    purpose: str,
    method: str,
    given_on: datetime.date,
    valid_until: datetime.date | None = None,
    shared_what: str = "",
    shared_with: str = "",
    document=None,
) -> Consent:
    if method == ConsentMethod.SIGNED_FORM and not document:
        raise DomainError(
            "Last opp det signerte skjemaet, eller velg at samtykket ble gitt i møte."
        )
    if given_on > timezone.localdate():
        raise DomainError("Datoen samtykket ble gitt kan ikke være i fremtiden.")
    if valid_until and valid_until < given_on:
        raise DomainError("Gyldig til-datoen må være etter datoen samtykket ble gitt.")
    with transaction.atomic():
        if not may_change(actor, participant.pk):
            raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
        consent = Consent(
            participant=participant,
            purpose=purpose,
            method=method,
            given_on=given_on,
            valid_until=valid_until,
            shared_what=shared_what.strip(),
            shared_with=shared_with.strip(),
            recorded_by=actor,
        )
        if document:
            consent.document = document
        try:
            consent.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        consent.save()
        audit_change(
            actor, participant, what=f"Samtykke registrert: {consent.get_purpose_display()}"
        )
    return consent


def consent_attach_scan(*, consent: Consent, actor: User, document) -> Consent:
    """Attach the signed form to a consent recorded without it; a scan is never replaced,
    as the consent itself is never edited."""
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if not may_change(actor, locked.participant_id):
            raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
        if locked.document:
            raise DomainError("Det signerte skjemaet er allerede lastet opp for dette samtykket.")
        locked.document = document
        locked.save(update_fields=["document"])
        audit_change(
            actor,
            locked.participant,
            what=f"Signert samtykkeskjema lastet opp: {locked.get_purpose_display()}",
        )
    return locked


def consent_withdraw(*, consent: Consent, actor: User, note: str = "") -> ConsentWithdrawal:
    """Withdraw from today on; what depends on the consent stops from then (a no-op twice)."""
    with transaction.atomic():
        if not may_change(actor, consent.participant_id):
            raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
        withdrawal, created = ConsentWithdrawal.objects.get_or_create(
            consent=consent,
            defaults={
                "withdrawn_on": timezone.localdate(),
                "recorded_by": actor,
                "note": note.strip(),
            },
        )
        if created:
            audit_change(
                actor,
                consent.participant,
                what=f"Samtykke trukket: {consent.get_purpose_display()}",
            )
    return withdrawal
