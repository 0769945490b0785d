from tests.matrix import PARTICIPANT_PAGE

ROWS = {
    "consent:create": PARTICIPANT_PAGE,
    "consent:withdraw": PARTICIPANT_PAGE,
    "consent:scan_upload": PARTICIPANT_PAGE,
    "consent:scan_download": PARTICIPANT_PAGE,
}


def url_kwargs(name, params, *, participant, personas):
    if "consent" not in params:
        return {}
    import datetime

    from django.core.files.base import ContentFile

    from consent.models import Consent

    consent = Consent.objects.filter(participant=participant).first() or Consent.objects.create(
        participant=participant,
        purpose="share_with_county",
        given_on=datetime.date(2026, 1, 5),
        method="meeting",
        recorded_by=participant.veileder,
        document=ContentFile(b"%PDF-1.4 signert", name="samtykke.pdf"),
    )
    return {"consent": consent.uuid}
