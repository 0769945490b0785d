from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.roles import Role
from companies.models import Company
from core.decorators import role_required
from core.exceptions import DomainError
from core.pagination import page_size
from participants.access import CHANGE
from participants.selectors import participants_visible_to

from . import services
from .forms import CandidateForm, LeaveForm, LoopForm, MentorForm
from .models import LoopCandidate
from .schedule import candidate_periods, loop_schedule, position_on
from .selectors import loops_visible_to

NAV = (Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER)


@role_required(*NAV)
def loop_list(request):
    page = Paginator(loops_visible_to(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    return render(request, "jobbloop/list.html", {"page": page, "query": ""})


@role_required(*NAV)
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


@role_required(*NAV)
def loop_detail(request, loop):
    loop = get_object_or_404(loops_visible_to(request.user), uuid=loop)
    companies = {lc.position: lc.company for lc in loop.loop_companies.select_related("company")}
    loop_companies = Company.objects.filter(pk__in=[c.pk for c in companies.values()]).order_by(
        "name"
    )
    candidates = list(loop.candidates.select_related("participant").prefetch_related("mentors"))
    add_form = CandidateForm(
        request.POST if request.POST.get("action") == "add" else None,
        candidates=participants_visible_to(request.user, CHANGE).order_by("last_name"),
    )
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "add" and add_form.is_valid():
                services.loop_candidate_add(loop=loop, actor=request.user, **add_form.cleaned_data)
                return redirect("jobbloop:detail", loop.uuid)
            if request.POST.get("action") == "mentor":
                mentor = MentorForm(request.POST, companies=loop_companies)
                if mentor.is_valid():
                    candidate = get_object_or_404(
                        LoopCandidate, loop=loop, uuid=mentor.cleaned_data["candidate"]
                    )
                    if not request.user.has_perm(CHANGE, candidate.participant):
                        raise DomainError("Bare kandidatens veileder eller leder kan sette mentor.")
                    services.mentor_set(
                        candidate=candidate,
                        company=mentor.cleaned_data["company"],
                        name=mentor.cleaned_data["name"],
                        phone=mentor.cleaned_data["phone"],
                        actor=request.user,
                    )
                    messages.success(request, "Mentoren er lagret.")
                    return redirect("jobbloop:detail", loop.uuid)
            if request.POST.get("action") == "leave":
                leave = LeaveForm(request.POST)
                if leave.is_valid():
                    candidate = get_object_or_404(
                        LoopCandidate, loop=loop, uuid=leave.cleaned_data["candidate"]
                    )
                    services.loop_candidate_leave(
                        candidate=candidate,
                        actor=request.user,
                        left_on=leave.cleaned_data["left_on"],
                        reason=leave.cleaned_data["reason"],
                    )
                    messages.success(request, "Registrert at kandidaten gikk ut av loopen.")
                    return redirect("jobbloop:detail", loop.uuid)
        except DomainError as exc:
            error = exc.message
    today = timezone.localdate()
    rows = []
    for c in candidates:
        if c.participant.veileder_id == request.user.pk or request.user.has_perm(
            CHANGE, c.participant
        ):
            name = c.participant.full_name
        else:
            name = f"{c.participant.first_name} (kandidat {c.start_position})"
        where = None if c.left_on else position_on(loop.start_date, c.start_position, today)
        rows.append(
            {
                "candidate": c,
                "name": name,
                "now": companies.get(where) if where else None,
                "periods": [
                    (companies.get(p.position), p.start, p.end)
                    for p in candidate_periods(loop.start_date, c.start_position)
                ],
            }
        )
    return render(
        request,
        "jobbloop/detail.html",
        {
            "loop": loop,
            "companies": companies,
            "schedule": loop_schedule(loop.start_date),
            "rows": rows,
            "add_form": add_form,
            "leave_form": LeaveForm(initial={"left_on": today}),
            "mentor_form": MentorForm(companies=loop_companies),
            "error": error,
            "today": today,
        },
    )
