from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from accounts.models import NavKontor
from audit.models import AuditAction
from audit.services import audit_list, audit_participant
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import counted_page, page_size
from core.search import search_terms

from . import services
from .access import CHANGE, REASSIGN, cleared_users
from .columns import columns_for
from .forms import CaseloadFilterForm, ContactForm, ParticipantCreateForm, ReassignForm
from .models import Laerefag
from .permissions import get_participant_for_user
from .sections import caseload_panels, participant_sections
from .selectors import (
    CaseloadFilter,
    Scope,
    caseload,
    caseload_base,
    change_history,
    retention_schedule,
    veiledere_in_office,
)
from .statuses import status_counts, statuses_for


def _caseload_page(request, *, scope: str, title: str):
    # The search box takes a fødselsnummer: POSTed and kept behind a token (core.search).
    search = search_terms(request, sensitive=("q",))
    if search.redirect:
        return search.redirect
    form = CaseloadFilterForm(
        search.data,
        laerefag=Laerefag.objects.order_by("name"),
        kontorer=NavKontor.objects.order_by("name"),
    )
    filters = CaseloadFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CaseloadFilter(
            search=data["q"],
            innsatsgruppe=data["innsatsgruppe"],
            sluttkompetanse_id=data["sluttkompetanse"].pk if data["sluttkompetanse"] else None,
            nav_kontor_id=data["kontor"].pk if data["kontor"] else None,
            phase=data["fase"],
            overdue=data["forfalt"],
            sort=data["sort"] or "navn",
            status=data["status"],
        )
    rows = caseload(request.user, scope=scope, filters=filters)
    page = counted_page(rows, page_size(request), request.GET.get("side"))
    audit_list(
        request.user,
        what=f"{title}, side {page.number}",
        participant_ids=[p.pk for p in page.object_list],
    )
    today = timezone.localdate()
    partial = bool(request.htmx and request.htmx.target == "caseload-results")
    # The counts sit above the results and do not change with the filters: a live search
    # (an htmx request for the results alone) skips them.
    statuses = [] if partial else statuses_for(scope)
    counts = status_counts(caseload_base(request.user, scope=scope), statuses, request.user, today)
    context = {
        "statuses": [(s, counts[s.key]) for s in statuses],
        "status": filters.status,
        "panels": caseload_panels(request, scope),
        "title": title,
        "scope": scope,
        "form": form,
        "page": page,
        "query": search.query,
        "expired": search.expired,
        "filtered": filters.is_filtered,
        "today": today,
        "columns": columns_for(request, scope=scope),
        "sort": filters.sort,
    }
    template = "participants/caseload.html"
    if partial:
        template += "#results"
    return search.finish(render(request, template, context))


@capability_required(Capability.CASELOAD)
def my_caseload(request):
    return _caseload_page(request, scope=Scope.MINE, title="Min portefølje")


@capability_required(Capability.OFFICE_LIST)
def office_caseload(request):
    return _caseload_page(request, scope=Scope.KONTOR, title="Kontorets deltakere")


@capability_required(Capability.RETENTION)
def retention(request):
    """Which of the office's ended cases are due for anonymisation, and when."""
    page = Paginator(retention_schedule(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    audit_list(
        request.user,
        what=f"Avsluttede saker til anonymisering, side {page.number}",
        participant_ids=[p.pk for p in page.object_list],
    )
    return render(
        request,
        "participants/retention.html",
        {"page": page, "now": timezone.now(), "years": settings.RETENTION_YEARS},
    )


@capability_required(Capability.CASEWORK)
@once
def participant_create(request):
    form = ParticipantCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.participant_create(actor=request.user, **data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {"fodselsnummer": exc}).items():
                # The birth date is read from the number: its window is the number's error.
                target = "fodselsnummer" if field in ("birth_date", "__all__") else field
                form.add_error(target if target in form.fields else None, errors)
        except DomainError as exc:
            form.add_error("fodselsnummer", exc.message)
        else:
            messages.success(request, f"{participant.full_name} er registrert.")
            return redirect("participants:detail", participant.uuid)
    return render(request, "participants/create.html", {"form": form})


@login_required
def participant_detail(request, uuid):
    return _detail(request, get_participant_for_user(request.user, uuid))


def _detail(request, participant, *, full: bool = False):
    return render(
        request,
        "participants/detail.html",
        {
            "participant": participant,
            "full": full,
            "can_change": request.user.has_perm(CHANGE, participant),
            "can_reassign": request.user.has_perm(REASSIGN, participant),
            "sections": participant_sections(request, participant),
        },
    )


@login_required
def participant_history(request, uuid):
    """The change history, closed on the page until opened: htmx fetches it then (the page
    itself no longer pays its up to four queries), and without script it is a page."""
    participant = get_participant_for_user(request.user, uuid)
    template = "participants/history.html"
    if request.htmx:
        template += "#history"
    return render(
        request, template, {"participant": participant, "history": change_history(participant)}
    )


@login_required
def participant_fodselsnummer(request, uuid):
    """Shows the full number on explicit request (the audit issue logs this action)."""
    participant = get_participant_for_user(request.user, uuid)
    audit_participant(request.user, participant, action=AuditAction.SHOW_FNR)
    if request.htmx:
        return render(
            request, "participants/detail.html#fnr-full", {"participant": participant, "full": True}
        )
    return _detail(request, participant, full=True)


@login_required
def participant_edit_contact(request, uuid):
    participant = get_participant_for_user(request.user, uuid, CHANGE)
    form = ContactForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.participant_update_contact(
                actor=request.user, participant=participant, **changes
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Kontaktopplysningene er lagret.")
            return redirect("participants:detail", participant.uuid)
    return render(
        request, "participants/contact_form.html", {"form": form, "participant": participant}
    )


@login_required
def participant_reassign(request, uuid):
    participant = get_participant_for_user(request.user, uuid, REASSIGN)
    form = ReassignForm(
        request.POST or None,
        veiledere=cleared_users(veiledere_in_office(participant.nav_kontor_id), participant),
        initial={"veileder": participant.veileder_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_reassign(
                actor=request.user, participant=participant, veileder=form.cleaned_data["veileder"]
            )
        except DomainError as exc:
            form.add_error("veileder", exc.message)
        else:
            messages.success(
                request, f"{participant.full_name} er tildelt {form.cleaned_data['veileder'].name}."
            )
            return redirect("participants:office")
    return render(request, "participants/reassign.html", {"form": form, "participant": participant})
