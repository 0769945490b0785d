from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from core.exceptions import DomainError
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .forms import ConsentForm, WithdrawForm
from .models import Consent


@login_required
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
