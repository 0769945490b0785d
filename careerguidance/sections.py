from consent.services import consents_of, status_of

from .models import Appointment, GuidanceInterest, KompetanseRequest
from .selectors import shared_notes_for_nav


def guidance_section(participant) -> dict:
    """Consent and career guidance on NAV's participant page (a constant handful of queries)."""
    consents = consents_of(participant)
    return {
        "consent_status": status_of(consents),
        "consents": consents,
        "interest": GuidanceInterest.objects.filter(participant=participant).first(),
        "appointments": list(
            Appointment.objects.filter(participant=participant)
            .select_related("karriereveileder")
            .order_by("starts_at")
        ),
        "notes": shared_notes_for_nav(participant),
        "requests": list(
            KompetanseRequest.objects.filter(participant=participant).order_by("-requested_at")
        ),
    }
