from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.capabilities import Capability, may
from accounts.decorators import capability_required
from audit.services import audit_list
from core.exceptions import DomainError
from core.formtokens import once
from participants.access import CHANGE
from participants.permissions import get_participant_for_user

from . import services
from .changes import recent_changes
from .filters import PAGES, params_from
from .forms import MarkForm, RenameForm, SavedFilterForm
from .models import ParticipantMark, SavedFilter
from .selectors import is_office_view, workday


@capability_required(Capability.WORKDAY)
def today(request):
    since = services.visit_record(user=request.user)
    blocks = workday(request.user, since=since)
    # The page names participants: one sporingslogg row naming them, as for every list.
    audit_list(
        request.user,
        what="Min dag",
        participant_ids=sorted({ln.pid for b in blocks for ln in b.lines if ln.pid}),
    )
    return render(
        request,
        "workday/today.html",
        {
            "blocks": blocks,
            "office": is_office_view(request.user),
            "since": since,
            "today": timezone.localdate(),
        },
    )


@login_required
def mark_edit(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    mark = ParticipantMark.objects.filter(participant=participant).first()
    initial = (
        {"note": mark.note, "deadline": mark.deadline, "category": mark.category} if mark else {}
    )
    form = MarkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_save(participant=participant, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Huskelappen og fargekategorien er lagret.")
            return redirect("participants:detail", participant.uuid)
    return render(request, "workday/mark_form.html", {"form": form, "participant": participant})


def _own_filter(request, saved_uuid) -> SavedFilter:
    # Another user's filter is not there at all: 404, as for everything else.
    saved = SavedFilter.objects.filter(uuid=saved_uuid, user=request.user).first()
    if saved is None or not may(request.user, _capability(saved.scope)):
        raise Http404("Fant ikke filteret.")
    return saved


def _capability(scope: str) -> Capability:
    return Capability.CASELOAD if scope == "mine" else Capability.OFFICE_LIST


def _back(saved_scope: str):
    return redirect(PAGES.get(saved_scope, "participants:caseload"))


@login_required
@once
def filter_create(request):
    form = SavedFilterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        if not may(request.user, _capability(scope)):
            raise Http404("Siden finnes ikke.")
        params = params_from(QueryDict(form.cleaned_data["query"]))
        try:
            services.saved_filter_create(
                user=request.user, scope=scope, name=form.cleaned_data["name"], params=params
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Filteret «{form.cleaned_data['name']}» er lagret.")
        return _back(scope)
    if not (may(request.user, Capability.CASELOAD) or may(request.user, Capability.OFFICE_LIST)):
        raise Http404("Siden finnes ikke.")
    return render(request, "workday/filters.html", {"form": form})


@login_required
def filter_rename(request, saved):
    saved = _own_filter(request, saved)
    form = RenameForm(request.POST or None, initial={"name": saved.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_filter_rename(
                saved=saved, user=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, "Filteret har fått nytt navn.")
            return _back(saved.scope)
    return render(request, "workday/filter_rename.html", {"form": form, "saved": saved})


@require_POST
@login_required
def filter_delete(request, saved):
    saved = _own_filter(request, saved)
    services.saved_filter_delete(saved=saved, user=request.user)
    messages.success(request, f"Filteret «{saved.name}» er slettet.")
    return _back(saved.scope)


@require_POST
@login_required
def filter_move(request, saved):
    saved = _own_filter(request, saved)
    try:
        services.saved_filter_move(
            saved=saved, user=request.user, up=request.POST.get("retning") == "opp"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(saved.scope)


@capability_required(Capability.WORKDAY)
def changes(request):
    people = recent_changes(request.user)
    audit_list(request.user, what="Siste endringer", participant_ids=[p.pk for p in people])
    return render(request, "workday/changes.html", {"people": people})


@require_POST
@login_required
def changes_read(request, uuid):
    participant = get_participant_for_user(request.user, uuid)
    if not may(request.user, Capability.WORKDAY):
        raise Http404("Siden finnes ikke.")
    services.changes_mark_read(user=request.user, participant=participant)
    messages.success(request, f"Endringene for {participant.full_name} er merket som lest.")
    return redirect("workday:changes")
