from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.formtokens import once
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .forms import (
    ActivityCardForm,
    ActivityMessageForm,
    ActivityStatusForm,
    AgreementForm,
    ApprovalForm,
    EmploymentForm,
    FagbrevForm,
    KartleggingForm,
    LaerekontraktForm,
    MeetingForm,
    OpplaeringsplanForm,
    TransitionForm,
)
from .models import ActivityCard, ChecklistItem, Kartlegging
from .selectors import agreement_versions


@login_required
@once
def transition(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = TransitionForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_transition(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"{participant.full_name} er flyttet til {participant.get_phase_display().lower()}.",
            )
            return redirect("participants:detail", participant.uuid)
    return render(request, "phases/transition.html", {"form": form, "participant": participant})


@require_POST
@login_required
def checklist_toggle(request, uuid, item):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    checklist_item = get_object_or_404(ChecklistItem, uuid=item, participant=participant)
    services.checklist_item_set(
        item=checklist_item, actor=request.user, done=request.POST.get("done") == "1"
    )
    return redirect(f"{participant_url(participant)}#sjekkliste")


def participant_url(participant) -> str:
    return reverse("participants:detail", args=[participant.uuid])


def _record(request, uuid, *, form_class, service, title: str, done: str):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(participant=participant, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "phases/record_form.html",
        {"form": form, "participant": participant, "title": title},
    )


@login_required
@once
def meeting_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=MeetingForm,
        service=services.meeting_record,
        title="Registrer møte",
        done="Møtet er registrert.",
    )


@login_required
@once
def opplaeringsplan_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=OpplaeringsplanForm,
        service=services.opplaeringsplan_register,
        title="Registrer opplæringsplan",
        done="Opplæringsplanen er registrert.",
    )


@login_required
@once
def laerekontrakt_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=LaerekontraktForm,
        service=services.laerekontrakt_register,
        title="Registrer lærekontrakt",
        done="Lærekontrakten er registrert.",
    )


@login_required
@once
def fagbrev_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=FagbrevForm,
        service=services.fagbrev_register,
        title="Registrer fagbrev",
        done="Fagbrevet er registrert.",
    )


@login_required
@once
def employment_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=EmploymentForm,
        service=services.employment_register,
        title="Registrer arbeidsforhold",
        done="Arbeidsforholdet er registrert.",
    )


@login_required
def kartlegging_edit(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    current = Kartlegging.objects.filter(participant=participant).first()
    form = KartleggingForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.kartlegging_save(participant=participant, actor=request.user, **form.cleaned_data)
        messages.success(request, "Kartleggingen er lagret.")
        return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "phases/kartlegging.html",
        {"form": form, "participant": participant, "current": current},
    )


@login_required
@once
def agreement_edit(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    versions = agreement_versions(participant)
    form = AgreementForm(request.POST or None, instance=versions[0] if versions else None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_save(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"Oppfølgingsavtalen er lagret som versjon {agreement.version}."
            )
            return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "phases/agreement.html",
        {"form": form, "participant": participant, "versions": versions},
    )


@login_required
@once
def agreement_approve(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    versions = agreement_versions(participant)
    if not versions:
        messages.info(request, "Lag oppfølgingsavtalen før den kan godkjennes.")
        return redirect("phases:agreement", participant.uuid)
    latest = versions[0]
    form = ApprovalForm(request.POST or None, missing=latest.missing)
    if request.method == "POST" and form.is_valid():
        try:
            approval = services.agreement_approve(
                agreement=latest, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            done = f"{approval.get_party_display()} har godkjent versjon {latest.version}."
            if latest.activated_at:
                done += " Alle tre har godkjent, og avtalen er aktiv."
            messages.success(request, done)
            return redirect("phases:agreement", participant.uuid)
    return render(
        request,
        "phases/agreement_approve.html",
        {"form": form, "participant": participant, "agreement": latest},
    )


@login_required
@once
def activity_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=ActivityCardForm,
        service=services.activity_card_create,
        title="Ny aktivitet",
        done="Aktiviteten er lagt til i aktivitetsplanen.",
    )


@login_required
@once
def activity_detail(request, uuid, card):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    activity = get_object_or_404(ActivityCard, uuid=card, participant=participant)
    status_form = ActivityStatusForm(initial={"status": activity.status})
    message_form = ActivityMessageForm()
    if request.method == "POST":
        try:
            if "status" in request.POST:
                status_form = ActivityStatusForm(request.POST)
                if status_form.is_valid():
                    services.activity_card_set_status(
                        card=activity, actor=request.user, status=status_form.cleaned_data["status"]
                    )
                    messages.success(request, "Statusen er endret.")
                    return redirect("phases:activity_detail", participant.uuid, activity.uuid)
            elif "ferdigbehandlet" in request.POST:
                services.activity_dialogue_done(card=activity, actor=request.user)
                messages.success(request, "Dialogen er markert som ferdigbehandlet.")
                return redirect("phases:activity_detail", participant.uuid, activity.uuid)
            else:
                message_form = ActivityMessageForm(request.POST)
                if message_form.is_valid():
                    services.activity_message_add(
                        card=activity, actor=request.user, **message_form.cleaned_data
                    )
                    return redirect("phases:activity_detail", participant.uuid, activity.uuid)
        except DomainError as exc:
            message_form.add_error(None, exc.message)
    # Opening the card reads its dialogue (Min dag's "Ulest dialog").
    services.activity_mark_read(card=activity, user=request.user)
    return render(
        request,
        "phases/activity.html",
        {
            "participant": participant,
            "activity": activity,
            "dialogue": activity.messages.select_related("author"),
            "status_form": status_form,
            "message_form": message_form,
        },
    )
