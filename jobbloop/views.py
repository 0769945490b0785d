from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from companies.models import Company
from core.actions import run_action
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import page_size
from participants.access import CHANGE
from participants.selectors import participants_visible_to

from . import services
from .forms import CandidateForm, CloseForm, LeaveForm, LoopForm, MentorForm
from .models import LoopCandidate, LoopStatus
from .schedule import add_months, loop_schedule
from .selectors import loop_detail as loop_detail_rows
from .selectors import loop_list as loop_list_selector
from .selectors import loops_visible_to


@capability_required(Capability.SHARED_LISTS)
def loop_list(request):
    page = Paginator(loop_list_selector(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    today = timezone.localdate()
    for loop in page.object_list:
        loop.schedule = loop_schedule(loop.start_date, on=today)
    return render(request, "jobbloop/list.html", {"page": page, "query": ""})


@capability_required(Capability.SHARED_LISTS)
@once
def loop_create(request):
    form = LoopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            loop = services.loop_create(
                actor=request.user,
                name=d["name"],
                start_date=d["start_date"],
                companies=[d["company_1"], d["company_2"], d["company_3"]],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "JobbLoopen er opprettet.")
            return redirect("jobbloop:detail", loop.uuid)
    return render(request, "jobbloop/form.html", {"form": form})


def _candidate_choices(user, loop):
    """Her participants of JobbLoop age at the start who are not in this loop yet."""
    start = loop.start_date
    return (
        participants_visible_to(user, CHANGE)
        .filter(
            birth_date__gt=add_months(start, -12 * (services.MAX_AGE + 1)),
            birth_date__lte=add_months(start, -12 * services.MIN_AGE),
        )
        .exclude(loop_places__loop=loop)
        .order_by("last_name", "first_name")
    )


def _add(request, loop, forms):
    form = forms["add"]
    if not form.is_valid():
        return None
    services.loop_candidate_add(loop=loop, actor=request.user, **form.cleaned_data)
    return "Kandidaten er lagt til i loopen."


def _mentor(request, loop, forms):
    form = forms["mentor"]
    if not form.is_valid():
        return None
    candidate = get_object_or_404(LoopCandidate, loop=loop, uuid=form.cleaned_data["candidate"])
    services.mentor_set(
        candidate=candidate,
        company=form.cleaned_data["company"],
        name=form.cleaned_data["name"],
        phone=form.cleaned_data["phone"],
        actor=request.user,
    )
    return "Mentoren er lagret."


def _leave(request, loop, forms):
    form = forms["leave"]
    if not form.is_valid():
        return None
    candidate = get_object_or_404(
        LoopCandidate.objects.select_related("loop"),
        loop=loop,
        uuid=form.cleaned_data["candidate"],
    )
    services.loop_candidate_leave(
        candidate=candidate,
        actor=request.user,
        left_on=form.cleaned_data["left_on"],
        reason=form.cleaned_data["reason"],
    )
    return "Registrert at kandidaten gikk ut av loopen."


def _close(request, loop, forms):
    form = forms["close"]
    if not form.is_valid():
        return None
    services.loop_close(loop=loop, actor=request.user)
    return "Loopen er avsluttet."


@capability_required(Capability.SHARED_LISTS)
@once
def loop_detail(request, loop):
    loop = get_object_or_404(loops_visible_to(request.user), uuid=loop)
    today = timezone.localdate()
    companies = Company.objects.filter(pk__in=loop.loop_companies.values("company_id")).order_by(
        "name"
    )
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action else None
    forms = {
        "add": CandidateForm(
            data if action == "add" else None, candidates=_candidate_choices(request.user, loop)
        ),
        "mentor": MentorForm(data if action == "mentor" else None, companies=companies),
        "leave": LeaveForm(data if action == "leave" else None, initial={"left_on": today}),
        "close": CloseForm(data if action == "close" else None),
    }
    handlers = {"add": _add, "mentor": _mentor, "leave": _leave, "close": _close}
    done, error = run_action(request, handlers, loop, forms)
    if done:
        return redirect("jobbloop:detail", loop.uuid)
    schedule, by_position, rows = loop_detail_rows(request.user, loop, today)
    return render(
        request,
        "jobbloop/detail.html",
        {
            "loop": loop,
            "companies": by_position,
            "schedule": schedule,
            "rows": rows,
            "changeable": [r for r in rows if r.can_change and not r.candidate.left_on],
            "forms": forms,
            "error": error,
            "today": today,
            "is_active": loop.status == LoopStatus.ACTIVE,
        },
    )
