import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_participant
from consent.models import ConsentPurpose
from jobbloop.models import LoopCandidate
from jobbloop.schedule import candidate_periods
from jobbloop.selectors import loops_visible_to
from participants.access import CHANGE
from participants.permissions import get_participant_for_user
from phases.models import AgreementApproval, FollowUpAgreement, Meeting

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


def _pdf_response(request, participant, *, template: str, title: str, filename: str, context: dict):
    audit_participant(request.user, participant, action=AuditAction.PDF, what=title)
    pdf = render_pdf(
        template,
        {
            "title": title,
            "participant": participant,
            "office_name": participant.nav_kontor.name,
            "printed_at": timezone.now(),
            **context,
        },
    )
    return _attachment(pdf, "application/pdf", filename)


@login_required
def consent_form_pdf(request, uuid, purpose):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    if purpose not in ConsentPurpose.values:
        raise Http404("Ukjent formål.")
    return _pdf_response(
        request,
        participant,
        template="documents/samtykkeskjema.html",
        title="Samtykkeskjema",
        filename=f"samtykke-{purpose}.pdf",
        context={"purpose": ConsentPurpose(purpose).label, "purpose_key": purpose},
    )


@login_required
def agreement_pdf(request, uuid, version=None):
    """The latest version, or the one asked for; each with its approvals."""
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    versions = FollowUpAgreement.objects.filter(participant=participant).prefetch_related(
        Prefetch("approvals", queryset=AgreementApproval.objects.order_by("approved_at", "id"))
    )
    if version is not None:
        agreement = get_object_or_404(versions, version=version)
    else:
        agreement = versions.order_by("-version").first()
    if agreement is None:
        messages.info(request, "Lag oppfølgingsavtalen før den kan skrives ut.")
        return redirect("phases:agreement", participant.uuid)
    return _pdf_response(
        request,
        participant,
        template="documents/oppfolgingsavtale.html",
        title="Tilretteleggings- og oppfølgingsavtale",
        filename=f"oppfolgingsavtale-v{agreement.version}.pdf",
        context={"agreement": agreement, "approvals": list(agreement.approvals.all())},
    )


@login_required
def meeting_pdf(request, uuid, meeting):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    meeting = get_object_or_404(
        Meeting.objects.select_related("recorded_by"), uuid=meeting, participant=participant
    )
    return _pdf_response(
        request,
        participant,
        template="documents/motereferat.html",
        title=f"Møtereferat: {meeting.get_kind_display()}",
        filename=f"motereferat-{meeting.held_on:%Y-%m-%d}.pdf",
        context={"meeting": meeting},
    )


@login_required
def loop_certificate_pdf(request, loop, candidate):
    loop = get_object_or_404(loops_visible_to(request.user), uuid=loop)
    candidate = get_object_or_404(
        LoopCandidate.objects.select_related("participant"), loop=loop, uuid=candidate
    )
    participant = get_participant_for_user(request.user, candidate.participant.uuid, CHANGE)
    companies = {lc.position: lc.company for lc in loop.loop_companies.select_related("company")}
    mentors = {m.company_id: m for m in candidate.mentors.all()}
    periods = [
        {
            "company": companies[p.position],
            "start": p.start,
            "end": p.end,
            "mentor": mentors.get(companies[p.position].pk),
        }
        for p in candidate_periods(loop.start_date, candidate.start_position)
    ]
    return _pdf_response(
        request,
        participant,
        template="documents/felles_attest.html",
        title="Felles attest – JobbLoop",
        filename="felles-attest.pdf",
        context={"loop": loop, "periods": periods},
    )
