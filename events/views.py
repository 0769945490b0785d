from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.capabilities import Capability, may
from accounts.decorators import capability_required
from companies.models import Company
from core.actions import errors_text, run_action
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import page_size
from participants.access import CHANGE
from participants.permissions import get_participant_for_user
from participants.selectors import participants_visible_to

from . import services
from .forms import AddCompanyForm, EventForm, InviteForm, InviteToEventForm, OutcomeForm
from .models import Invitation
from .selectors import event_list as event_list_selector
from .selectors import (
    events_visible_to,
    find_alternative,
    invitation_rows,
    may_manage_event,
    upcoming_events_for,
)


@capability_required(Capability.SHARED_LISTS)
def event_list(request):
    page = Paginator(event_list_selector(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "query": "",
            "can_find_alternatives": may(request.user, Capability.ALTERNATIVE_EMPLOYERS),
        },
    )


@capability_required(Capability.SHARED_LISTS)
@once
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


def _invite(request, event, forms):
    if not forms["invite"].is_valid():
        return None
    participant = forms["invite"].cleaned_data["participant"]
    services.invitation_create(event=event, participant=participant, actor=request.user)
    return "Kandidaten er invitert."


def _add_company(request, event, forms):
    if not forms["add_company"].is_valid():
        return None
    company = forms["add_company"].cleaned_data["company"]
    services.event_add_company(event=event, company=company, actor=request.user)
    return "Bedriften er lagt til."


def _outcome(request, event, forms):
    form = OutcomeForm(request.POST, companies=event.companies.all())
    if not form.is_valid():
        raise DomainError(errors_text(form) or "Velg et utfall.")
    invitation = get_object_or_404(Invitation, uuid=form.cleaned_data["invitation"], event=event)
    services.invitation_record_outcome(
        invitation=invitation,
        actor=request.user,
        outcome=form.cleaned_data["outcome"],
        company=form.cleaned_data["company"],
    )
    return "Utfallet er registrert."


@capability_required(Capability.SHARED_LISTS)
@once
def event_detail(request, event):
    event = get_object_or_404(
        events_visible_to(request.user).select_related("nav_kontor"), uuid=event
    )
    action = request.POST.get("action") if request.method == "POST" else None
    own = participants_visible_to(request.user, CHANGE).filter(veileder_id=request.user.pk)
    forms = {
        "invite": InviteForm(
            request.POST if action == "invite" else None,
            candidates=own.exclude(invitations__event=event).order_by("last_name", "first_name"),
        ),
        "add_company": AddCompanyForm(
            request.POST if action == "add_company" else None,
            companies=Company.objects.exclude(events=event).order_by("name"),
        ),
    }
    handlers = {"invite": _invite, "add_company": _add_company, "outcome": _outcome}
    done, error = run_action(request, handlers, event, forms)
    if done:
        return redirect("events:detail", event.uuid)
    companies = list(event.companies.order_by("name"))
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "companies": companies,
            "rows": invitation_rows(request.user, event),
            "forms": forms,
            "outcome_choices": OutcomeForm.base_fields["outcome"].choices,
            "outcome_not_yet": services.outcome_refusal(event),
            "may_manage": may_manage_event(request.user, event),
            "error": error,
        },
    )


@capability_required(Capability.ALTERNATIVE_EMPLOYERS)
def alternatives(request):
    page = Paginator(find_alternative(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    return render(request, "events/alternatives.html", {"page": page, "query": ""})


@capability_required(Capability.CASEWORK)
@once
def invite_participant(request, uuid):
    """Invite her to a coming event from her own page (how a leder invites)."""
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    events = upcoming_events_for(request.user, participant, timezone.localdate())
    form = InviteToEventForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        event = form.cleaned_data["event"]
        try:
            services.invitation_create(event=event, participant=participant, actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Invitert til {event.title}.")
            return redirect("participants:detail", participant.uuid)
    return render(request, "events/invite.html", {"form": form, "participant": participant})
