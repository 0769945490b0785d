from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from audit.models import AuditAction
from audit.services import audit_participant
from core.exceptions import DomainError
from core.formtokens import once
from participants.access import CHANGE, VIEW
from participants.permissions import get_participant_for_user

from . import services
from .forms import ConsentForm, ScanForm, WithdrawForm
from .models import Consent
from .scans import scan_kind


@login_required
@once
def consent_create(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = ConsentForm(
        request.POST or None, request.FILES or None, initial={"purpose": request.GET.get("formal")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Samtykket er registrert.")
            return redirect("participants:detail", participant.uuid)
    return render(request, "consent/form.html", {"form": form, "participant": participant})


@login_required
@once
def consent_withdraw(request, uuid, consent):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    consent = get_object_or_404(Consent, uuid=consent, participant=participant)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(
            consent=consent, actor=request.user, note=form.cleaned_data["note"]
        )
        messages.success(request, "Samtykket er trukket tilbake fra i dag.")
        return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "consent/withdraw.html",
        {"form": form, "participant": participant, "consent": consent},
    )


@login_required
@once
def scan_upload(request, uuid, consent):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    consent = get_object_or_404(Consent, uuid=consent, participant=participant)
    form = ScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_attach_scan(
                consent=consent, actor=request.user, document=form.cleaned_data["document"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Det signerte skjemaet er lastet opp.")
            return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "consent/scan.html",
        {"form": form, "participant": participant, "consent": consent},
    )


@login_required
def scan_download(request, uuid, consent):
    participant = get_participant_for_user(request.user, uuid, VIEW)
    consent = get_object_or_404(Consent, uuid=consent, participant=participant)
    if not consent.document:
        raise Http404("Ingen skannet skjema.")
    handle = consent.document.open("rb")
    content_type, extension = scan_kind(handle.read(8)) or ("application/octet-stream", "bin")
    handle.seek(0)
    audit_participant(
        request.user,
        participant,
        action=AuditAction.PDF,
        what=f"Signert samtykkeskjema: {consent.get_purpose_display()}",
    )
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=True,
        filename=f"samtykke-signert.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
