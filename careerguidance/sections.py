from consent.models import Consent
from consent.services import consent_status

from .models import Appointment, GuidanceInterest, KompetanseRequest
from .selectors import shared_notes_for_nav


def guidance_section(participant) -> dict:
    """Consent and career guidance on NAV's participant page (a constant handful of queries)."""
    return {
        "consent_status": consent_status(participant),
        "consents": list(
            Consent.objects.filter(participant=participant)
            .select_related("withdrawal")
            .order_by("-given_on", "-id")
        ),
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
