from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from audit.services import audit_export, audit_list
from core.pagination import page_size

from . import charts
from .access import may_see_overview, sees_all_offices
from .exports import csv_response, xlsx_response
from .figures import FOLLOWUP_KINDS
from .filters import OverviewForm
from .selectors import (
    ROW_COLUMNS,
    drilldown,
    figure_rows,
    overview,
    pseudonymised_last,
    row,
    with_identity,
)


def _form(request):
    if not may_see_overview(request.user):
        raise Http404("Siden finnes ikke.")
    params = request.GET.copy()
    for key in ("tall", "verdi", "hvem", "side", "per_side", "format", "innhold"):
        params.pop(key, None)
    form = OverviewForm(params or None, user=request.user)
    return form, form.to_filter(), params.urlencode()


@login_required
def overview_page(request):
    form, f, query = _form(request)
    today = timezone.localdate()
    data = overview(request.user, f, today=today)
    # All of Trøndelag has hundreds of veiledere: the most overdue first, the rest per office.
    followups_cut = sees_all_offices(request.user) and not f.nav_kontor_id
    shown = data["followups"][:25] if followups_cut else data["followups"]
    for v in shown:
        v["cells"] = [(kind, v[kind]) for kind in FOLLOWUP_KINDS]
    return render(
        request,
        "overview/overview.html",
        {
            "form": form,
            "filter": f,
            "query": query,
            "data": data,
            "all_offices": sees_all_offices(request.user),
            "followups_shown": shown,
            "followups_cut": followups_cut and len(data["followups"]) > len(shown),
            "funnel": charts.bar_chart([(p["label"], p["n"]) for p in data["phases"]], funnel=True),
            "flow_chart": charts.bar_chart([(x["label"], x["n"]) for x in data["flow"]]),
        },
    )


def _drilldown(request, f, today):
    try:
        return drilldown(
            request.user,
            f,
            today=today,
            tall=request.GET.get("tall", ""),
            verdi=request.GET.get("verdi", ""),
            hvem=request.GET.get("hvem", ""),
        )
    except (KeyError, ValueError):
        raise Http404("Tallet finnes ikke.") from None


@login_required
def participants_page(request):
    form, f, query = _form(request)
    today = timezone.localdate()
    found = _drilldown(request, f, today)
    page = Paginator(with_identity(request.user, found.participants), page_size(request))
    page = page.get_page(request.GET.get("side"))
    rows = [row(p, today) for p in page.object_list]
    identified = [p.pk for p in page.object_list if p.identified]
    if identified:
        audit_list(request.user, what=f"Oversikt: {found.title}", participant_ids=identified)
    figure = request.GET.copy()
    figure.pop("side", None)
    return render(
        request,
        "overview/participants.html",
        {
            "form": form,
            "title": found.title,
            "page": page,
            "rows": rows,
            "query": query,
            "figure_query": figure.urlencode(),
        },
    )


@login_required
def export(request):
    form, f, _ = _form(request)
    if form.is_bound and not form.is_valid():
        # A file made from a filter other than the one asked for would mislead.
        return render(request, "400.html", {"form": form}, status=400)
    today = timezone.localdate()
    fmt = request.GET.get("format", "csv")
    what = request.GET.get("innhold", "tall")
    if fmt not in ("csv", "xlsx") or what not in ("tall", "rader"):
        raise Http404("Eksporten finnes ikke.")
    stamp = f"{f.period.start:%Y%m%d}-{f.period.end:%Y%m%d}"
    if what == "tall":
        header = ["Del", "Tall", "Verdi"]
        rows = [list(r) for r in figure_rows(overview(request.user, f, today=today))]
        name, sheet = f"oversikt-tall-{stamp}", "Tall"
    else:
        found = _drilldown(request, f, today)
        participants = with_identity(request.user, found.participants)
        # Logged before the file is written: who was identified in it.
        identified = list(participants.filter(identified=True).values_list("pk", flat=True))
        audit_export(
            request.user,
            what=f"Oversikt: {found.title} ({found.participants.count()} rader)",
            participant_ids=identified,
        )
        header = [label for _key, label in ROW_COLUMNS]
        rows = (
            [r[key] for key, _label in ROW_COLUMNS]
            for r in pseudonymised_last(
                row(p, today) for p in participants.iterator(chunk_size=2000)
            )
        )
        name, sheet = f"oversikt-deltakere-{stamp}", "Deltakere"
    if fmt == "csv":
        return csv_response(name, header, rows)
    return xlsx_response(name, sheet, header, rows)
