from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from audit.services import audit_list, audit_participant
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import page_size
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .forms import (
    AppointmentStatusForm,
    BookingForm,
    InterestForm,
    KompetanseAnswerForm,
    KompetanseRequestForm,
    NoteForm,
    SummaryForm,
)
from .models import Appointment, GuidanceNote
from .selectors import (
    appointments_for_karriereveileder,
    request_for_fagopplaering,
    requests_for_fagopplaering,
)


def _participant_action(request, uuid, *, form_class, call, title, done, initial=None):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    extra = {"participant": participant} if getattr(form_class, "needs_participant", False) else {}
    form = form_class(request.POST or None, initial=initial, **extra)
    missing_consent = None
    if request.method == "POST" and form.is_valid():
        try:
            call(participant, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
            missing_consent = getattr(exc, "purpose", None)
        else:
            messages.success(request, done)
            return redirect("participants:detail", participant.uuid)
    return render(
        request,
        "careerguidance/form.html",
        {
            "form": form,
            "participant": participant,
            "title": title,
            "missing_consent": missing_consent,
        },
    )


@login_required
@once
def interest(request, uuid):
    return _participant_action(
        request,
        uuid,
        form_class=InterestForm,
        title="Interesse for fagbrev",
        done="Registrert at deltakeren er informert om Karrieresenteret.",
        initial={"informed_on": timezone.localdate()},
        call=lambda p, d: services.interest_record(participant=p, actor=request.user, **d),
    )


@login_required
@once
def book(request, uuid):
    def call(p, d):
        services.appointment_book(participant=p, actor=request.user, **d)

    return _participant_action(
        request,
        uuid,
        form_class=BookingForm,
        title="Bestill karriereveiledning",
        done="Timen er bestilt. Deltakeren får bekreftelse på e-post.",
        call=call,
    )


@login_required
@once
def kompetanse_request(request, uuid):
    return _participant_action(
        request,
        uuid,
        form_class=KompetanseRequestForm,
        title="Be om kompetansekartlegging",
        done="Forespørselen er sendt til fagopplæringen.",
        call=lambda p, d: services.kompetanse_request_send(participant=p, actor=request.user, **d),
    )


@capability_required(Capability.APPOINTMENTS)
def my_appointments(request):
    page = Paginator(appointments_for_karriereveileder(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    audit_list(
        request.user,
        what="Mine avtaler",
        participant_ids=[a.participant_id for a in page.object_list],
    )
    return render(request, "careerguidance/appointments.html", {"page": page, "query": ""})


@capability_required(Capability.APPOINTMENTS)
def appointment_detail(request, appointment):
    appt = get_object_or_404(appointments_for_karriereveileder(request.user), uuid=appointment)
    audit_participant(request.user, appt.participant, what="Avtale om karriereveiledning")
    note = GuidanceNote.objects.filter(appointment=appt).first()
    note_form = NoteForm(request.POST if "note" in request.POST else None, instance=note)
    status_form = AppointmentStatusForm(
        request.POST if "status" in request.POST else None, instance=appt
    )
    if request.method == "POST":
        try:
            if "status" in request.POST and status_form.is_valid():
                services.appointment_set_status(
                    appointment=appt, actor=request.user, status=status_form.cleaned_data["status"]
                )
                messages.success(request, "Statusen er endret.")
                return redirect("careerguidance:appointment", appt.uuid)
            if "note" in request.POST and note_form.is_valid():
                services.note_save(appointment=appt, actor=request.user, **note_form.cleaned_data)
                messages.success(
                    request, "Notatet er lagret. Deltakeren bestemmer selv om NAV får se det."
                )
                return redirect("careerguidance:appointment", appt.uuid)
        except DomainError as exc:
            (status_form if "status" in request.POST else note_form).add_error(None, exc.message)
    return render(
        request,
        "careerguidance/appointment.html",
        {"appointment": appt, "note_form": note_form, "status_form": status_form},
    )


@capability_required(Capability.COMPETENCE_REQUESTS)
def kompetanse_requests(request):
    page = Paginator(requests_for_fagopplaering(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    audit_list(
        request.user,
        what="Forespørsler om kompetansekartlegging",
        participant_ids=[r.participant_id for r in page.object_list],
    )
    return render(request, "careerguidance/requests.html", {"page": page, "query": ""})


@capability_required(Capability.COMPETENCE_REQUESTS)
@once
def kompetanse_answer(request, kk_request):
    kk = request_for_fagopplaering(request.user, kk_request)
    if kk is None:
        raise Http404("Fant ikke forespørselen.")
    audit_participant(request.user, kk.participant, what="Forespørsel om kompetansekartlegging")
    # An answered request is shown as sent; the service refuses a second answer anyway.
    form = None if kk.answered_at else KompetanseAnswerForm(request.POST or None, instance=kk)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.kompetanse_request_answer(request=kk, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, "Svaret med foreløpig opplæringsplan er sendt til NAV-veilederen."
            )
            return redirect("careerguidance:requests")
    return render(request, "careerguidance/answer.html", {"kk": kk, "form": form})


@login_required
@once
def summary(request, uuid, appointment):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    appt = get_object_or_404(Appointment, uuid=appointment, participant=participant)
    return _participant_action(
        request,
        uuid,
        form_class=SummaryForm,
        title="Samtalereferat etter karriereveiledning",
        done="Samtalereferatet ligger nå som et kort i aktivitetsplanen.",
        call=lambda p, d: services.guidance_summary_record(
            appointment=appt, actor=request.user, **d
        ),
    )
