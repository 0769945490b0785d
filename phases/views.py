from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .forms import (
    EmploymentForm,
    LaerekontraktForm,
    MeetingForm,
    OpplaeringsplanForm,
    TransitionForm,
)
from .models import ChecklistItem


@login_required
def transition(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = TransitionForm(request.POST or None, current=participant.phase)
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
    from django.urls import reverse

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
def employment_create(request, uuid):
    return _record(
        request,
        uuid,
        form_class=EmploymentForm,
        service=services.employment_register,
        title="Registrer arbeidsforhold",
        done="Arbeidsforholdet er registrert.",
    )
