from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from accounts.roles import Role
from core.decorators import role_required
from core.exceptions import DomainError
from core.pagination import page_size
from participants.access import CHANGE
from participants.selectors import participants_visible_to

from . import services
from .forms import EventForm, InviteForm, OutcomeForm
from .models import Invitation
from .selectors import events_visible_to, find_alternative

NAV = (Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER)


@role_required(*NAV)
def event_list(request):
    page = Paginator(
        events_visible_to(request.user).select_related("nav_kontor"), page_size(request)
    ).get_page(request.GET.get("side"))
    return render(request, "events/list.html", {"page": page, "query": ""})


@role_required(*NAV)
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Møteplassen er opprettet.")
            return redirect("events:detail", event.uuid)
    return render(request, "events/form.html", {"form": form})


@role_required(*NAV)
def event_detail(request, event):
    event = get_object_or_404(events_visible_to(request.user), uuid=event)
    candidates = (
        participants_visible_to(request.user, CHANGE)
        .exclude(invitations__event=event)
        .order_by("last_name", "first_name")
    )
    invite_form = InviteForm(
        request.POST if request.POST.get("action") == "invite" else None, candidates=candidates
    )
    companies = event.companies.order_by("name")
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "invite" and invite_form.is_valid():
                services.invitation_create(
                    event=event,
                    participant=invite_form.cleaned_data["participant"],
                    actor=request.user,
                )
                return redirect("events:detail", event.uuid)
            if request.POST.get("action") == "outcome":
                form = OutcomeForm(request.POST, companies=companies)
                if form.is_valid():
                    invitation = get_object_or_404(
                        Invitation, uuid=form.cleaned_data["invitation"], event=event
                    )
                    services.invitation_record_outcome(
                        invitation=invitation,
                        actor=request.user,
                        outcome=form.cleaned_data["outcome"],
                        company=form.cleaned_data["company"],
                    )
                    messages.success(request, "Utfallet er registrert.")
                    return redirect("events:detail", event.uuid)
        except DomainError as exc:
            error = exc.message
    invitations = event.invitations.select_related("participant", "company").order_by(
        "participant__last_name"
    )
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "companies": companies,
            "invitations": invitations,
            "invite_form": invite_form,
            "outcome_choices": OutcomeForm(companies=companies),
            "error": error,
        },
    )


@role_required(Role.VEILEDER)
def alternatives(request):
    page = Paginator(find_alternative(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    return render(request, "events/alternatives.html", {"page": page, "query": ""})
