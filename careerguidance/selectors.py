"""Who sees what of career guidance.

- The karriereveileder sees the appointments assigned to her and the notes she writes,
  and of the participant only what the appointment needs (name, phone, e-mail). Her
  access comes from the appointment, never from participants.access.
- NAV (the participant's veileder and leder) sees the note only while a valid consent to
  share it exists.
- Fagopplæring sees only kompetansekartlegging requests whose consent is valid now.
"""

from django.db.models import F, OuterRef, QuerySet

from consent.models import ConsentPurpose
from consent.services import valid_consent_exists
from participants.access import protection_q

from .models import Appointment, GuidanceNote, KompetanseRequest

# Never shown, but the sporingslogg's CEF line names her by uuid and flags protected persons.
_FOR_THE_AUDIT = ("participant__uuid", "participant__adressebeskyttelse", "participant__skjermet")


def appointments_for_karriereveileder(user) -> QuerySet[Appointment]:
    return (
        # Booked only with a cleared karriereveileder; the filter holds should that change.
        Appointment.objects.filter(
            protection_q(user, prefix="participant__"), karriereveileder=user
        )
        .select_related("participant")
        .only(
            "uuid",
            "starts_at",
            "duration_minutes",
            "mode",
            "location",
            "session_number",
            "status",
            "veileder_attends",
            "karriereveileder_id",
            "participant__first_name",
            "participant__last_name",
            "participant__phone",
            "participant__email",
            *_FOR_THE_AUDIT,
        )
        .order_by("-starts_at", "-id")
    )


def shared_notes_for_nav(participant) -> list[GuidanceNote]:
    """Her notes, only while she consents to sharing them with NAV (one query)."""
    return list(
        GuidanceNote.objects.filter(appointment__participant=participant)
        .filter(
            valid_consent_exists(
                ConsentPurpose.SHARE_GUIDANCE_NOTE, OuterRef("appointment__participant")
            )
        )
        .select_related("appointment", "author")
        .order_by("appointment__starts_at")
    )


# Of the person, fagopplæring gets what the consent covers: name and birth date.
_FAGOPPLAERING_PERSON = (
    "participant__first_name",
    "participant__last_name",
    "participant__birth_date",
    *_FOR_THE_AUDIT,
)


def _consented_requests(user) -> QuerySet[KompetanseRequest]:
    # A request about a protected person goes only to fagopplæring users cleared for her.
    return KompetanseRequest.objects.filter(
        valid_consent_exists(ConsentPurpose.KOMPETANSEKARTLEGGING, OuterRef("participant")),
        protection_q(user, prefix="participant__"),
    ).select_related("participant")


def request_for_fagopplaering(user, request_uuid) -> KompetanseRequest | None:
    """One consented request with every field of its own, for the answer page."""
    own = [f.name for f in KompetanseRequest._meta.concrete_fields]
    return (
        _consented_requests(user)
        .filter(uuid=request_uuid)
        .only(*own, *_FAGOPPLAERING_PERSON)
        .first()
    )


def requests_for_fagopplaering(user) -> QuerySet[KompetanseRequest]:
    return (
        _consented_requests(user)
        .only(
            "uuid",
            "requested_at",
            "question",
            "answered_at",
            "path",
            "estimated_months",
            *_FAGOPPLAERING_PERSON,
        )
        # Unanswered first, then the newest.
        .order_by(F("answered_at").asc(nulls_first=True), "-requested_at")
    )
