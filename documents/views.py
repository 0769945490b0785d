import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from audit.models import AuditAction
from audit.services import audit_participant
from consent.models import ConsentPurpose
from jobbloop.models import LoopCandidate
from jobbloop.schedule import candidate_periods
from jobbloop.selectors import loops_visible_to
from participants.access import CHANGE, VIEW
from participants.permissions import get_participant_for_user
from phases.models import AgreementApproval, FollowUpAgreement, Meeting

from .innsyn import innsyn_json, innsyn_sections
from .models import Document, DocumentKind, DocumentStatus
from .services import document_request
from .tasks import dispatch_on_commit


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Who may follow and fetch a document: the innsyn is hers, so whoever sees her; the others
# only those who may change her, as the views asking for them require.
FOLLOW_PERMISSION = {DocumentKind.INNSYN: VIEW}


def _ask(request, participant, *, kind, template: str, title: str, filename: str, context: dict):
    """Ask a worker for the PDF (or find the stored one for unchanged data) and follow it on
    the status page: the request lays out nothing."""
    document, new = document_request(
        participant=participant,
        kind=kind,
        template=template,
        context={
            "title": title,
            "participant": participant,
            "office_name": participant.nav_kontor.name,
            **context,
        },
        actor=request.user,
        title=title,
        download_name=filename,
        ask_path=request.path,
    )
    if new:
        dispatch_on_commit(document.pk)
    return redirect("documents:document", participant.uuid, document.uuid)


@login_required
def innsyn_pdf(request, uuid):
    """Asks for her innsyn as a PDF: a worker renders it, the status page follows it.

    Asking again while nothing changed leads to the same stored document. Asking shows
    nothing of her, so it is not a look in her sporingslogg (else each ask would change
    the document); the download is."""
    participant = get_participant_for_user(request.user, uuid, look=False)
    return _ask(
        request,
        participant,
        kind=DocumentKind.INNSYN,
        template="documents/innsyn.html",
        title="Innsyn i egne opplysninger",
        filename=f"innsyn-{participant.uuid}.pdf",
        context={"sections": innsyn_sections(participant)},
    )


def _document_for(request, uuid, document, *, look: bool = False):
    participant = get_participant_for_user(request.user, uuid, look=look)
    # The HTML to lay out is the worker's, and may be long: not read here.
    found = get_object_or_404(
        Document.objects.defer("source_html"), participant=participant, uuid=document
    )
    if not request.user.has_perm(FOLLOW_PERMISSION.get(found.kind, CHANGE), participant):
        raise Http404("Fant ikke dokumentet.")
    found.participant = participant
    return found


@login_required
def document_status(request, uuid, document):
    """Where a document stands; htmx asks again each second while it is being made."""
    document = _document_for(request, uuid, document)
    template = "documents/status.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"document": document, "participant": document.participant})


@login_required
def document_download(request, uuid, document):
    document = _document_for(request, uuid, document, look=True)
    if document.status != DocumentStatus.READY:
        raise Http404("Dokumentet er ikke klart.")
    audit_participant(
        request.user,
        document.participant,
        action=AuditAction.PDF,
        what=f"{document.display_title} (PDF)",
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def innsyn_data(request, uuid):
    participant = get_participant_for_user(request.user, uuid)
    audit_participant(request.user, participant, action=AuditAction.EXPORT, what="Innsyn (JSON)")
    body = json.dumps(innsyn_json(participant), ensure_ascii=False, indent=2)
    return _attachment(body.encode(), "application/json", f"innsyn-{participant.uuid}.json")


@login_required
def consent_form_pdf(request, uuid, purpose):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    if purpose not in ConsentPurpose.values:
        raise Http404("Ukjent formål.")
    return _ask(
        request,
        participant,
        kind=DocumentKind.CONSENT_FORM,
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
    return _ask(
        request,
        participant,
        kind=DocumentKind.AGREEMENT,
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
    return _ask(
        request,
        participant,
        kind=DocumentKind.MEETING,
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
    return _ask(
        request,
        participant,
        kind=DocumentKind.LOOP_CERTIFICATE,
        template="documents/felles_attest.html",
        title="Felles attest – JobbLoop",
        filename="felles-attest.pdf",
        context={"loop": loop, "periods": periods},
    )
