import datetime

from tests.matrix import LOGIN, NOT_FOUND, OK, PARTICIPANT_PAGE, row

ROWS = {
    "careerguidance:interest": PARTICIPANT_PAGE,
    "careerguidance:book": PARTICIPANT_PAGE,
    "careerguidance:kompetanse_request": PARTICIPANT_PAGE,
    "careerguidance:summary": PARTICIPANT_PAGE,
    "careerguidance:appointments": row(NOT_FOUND, anonymous=LOGIN, karriereveileder=OK),
    # Her own appointment only; NAV roles never reach Karrieresenteret's pages.
    "careerguidance:appointment": row(NOT_FOUND, anonymous=LOGIN, karriereveileder=OK),
    "careerguidance:requests": row(NOT_FOUND, anonymous=LOGIN, fagopplaering=OK),
    "careerguidance:answer": row(NOT_FOUND, anonymous=LOGIN, fagopplaering=OK),
}


def url_kwargs(name, params, *, participant, personas):
    from django.utils import timezone

    from careerguidance.models import Appointment, KompetanseRequest
    from consent.models import Consent

    if "appointment" in params:
        appt = Appointment.objects.filter(
            participant=participant
        ).first() or Appointment.objects.create(
            participant=participant,
            karriereveileder=personas["karriereveileder"],
            starts_at=timezone.now() + datetime.timedelta(days=3),
            mode="telefon",
            booked_by=participant.veileder,
        )
        return {"appointment": appt.uuid}
    if "kk_request" in params:
        consent = Consent.objects.create(
            participant=participant,
            purpose="kompetansekartlegging",
            given_on=datetime.date(2026, 1, 5),
            method="meeting",
            recorded_by=participant.veileder,
        )
        kk = KompetanseRequest.objects.filter(
            participant=participant
        ).first() or KompetanseRequest.objects.create(
            participant=participant, consent=consent, requested_by=participant.veileder
        )
        return {"kk_request": kk.uuid}
    return {}
