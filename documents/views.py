import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_participant
from participants.permissions import get_participant_for_user

from .innsyn import innsyn_json, innsyn_sections
from .render import render_pdf


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def innsyn_pdf(request, uuid):
    participant = get_participant_for_user(request.user, uuid)
    audit_participant(request.user, participant, action=AuditAction.PDF, what="Innsyn (PDF)")
    pdf = render_pdf(
        "documents/innsyn.html",
        {
            "title": "Innsyn i egne opplysninger",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "office_name": participant.nav_kontor.name,
            "printed_at": timezone.now(),
        },
    )
    return _attachment(pdf, "application/pdf", f"innsyn-{participant.uuid}.pdf")


@login_required
def innsyn_data(request, uuid):
    participant = get_participant_for_user(request.user, uuid)
    audit_participant(request.user, participant, action=AuditAction.EXPORT, what="Innsyn (JSON)")
    body = json.dumps(innsyn_json(participant), ensure_ascii=False, indent=2)
    return _attachment(body.encode(), "application/json", f"innsyn-{participant.uuid}.json")
