"""Mine filter: a user's saved filter combinations, shown above a caseload with counts.

A saved filter keeps the caseload form's parameters as they were; applying it is a link
to the caseload with them. Counts for all of a user's filters come from one query.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from participants.selectors import CaseloadFilter, caseload_base, caseload_filter_q
from participants.statuses import status_by_key

from .models import SavedFilter

# The caseload form's parameters a saved filter may hold (participants.forms).
PARAMS = ("q", "innsatsgruppe", "fase", "sluttkompetanse", "kontor", "forfalt", "status", "sort")
PAGES = {"mine": "participants:caseload", "kontor": "participants:office"}


def params_from(query) -> dict[str, str]:
    """The known, non-empty parameters of a caseload query (a QueryDict or dict)."""
    return {k: str(query.get(k)).strip()[:100] for k in PARAMS if query.get(k)}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_filter(params: dict) -> CaseloadFilter:
    return CaseloadFilter(
        search=params.get("q", ""),
        innsatsgruppe=params.get("innsatsgruppe", ""),
        sluttkompetanse_id=_int(params.get("sluttkompetanse")),
        nav_kontor_id=_int(params.get("kontor")),
        phase=params.get("fase", ""),
        overdue=params.get("forfalt") in ("on", "true", "True", "1"),
        status=params.get("status", ""),
    )


def saved_filters(user, scope: str) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(user=user, scope=scope).order_by("position", "id"))


def with_counts(user, scope: str, filters: list[SavedFilter]) -> list[tuple[SavedFilter, int]]:
    """Each filter with the number its list shows, all counted in one query."""
    if not filters:
        return []
    aggregates = {
        f"n_{f.pk}": Count("pk", filter=caseload_filter_q(user, scope, as_filter(f.params)))
        for f in filters
    }
    row = caseload_base(user, scope=scope).order_by().aggregate(**aggregates)
    return [(f, row[f"n_{f.pk}"]) for f in filters]


def apply_url(saved: SavedFilter) -> str:
    return reverse(PAGES[saved.scope]) + "?" + urlencode(saved.params)


def describe(scope: str, params: dict) -> str:
    """A short Norwegian summary of what a filter holds, for its title attribute."""
    parts = []
    if params.get("q"):
        parts.append(f"søk «{params['q']}»")
    if params.get("status"):
        status = status_by_key(scope, params["status"])
        if status:
            parts.append(status.label.lower())
    if params.get("fase"):
        parts.append("fase")
    if params.get("innsatsgruppe"):
        parts.append("innsatsgruppe")
    if params.get("forfalt"):
        parts.append("forfalt")
    return ", ".join(parts)


def panel(request, scope: str) -> dict | None:
    """Contributed to the caseload pages (participants CASELOAD_PANELS)."""
    if scope not in PAGES:
        return None
    user = request.user
    rows = with_counts(user, scope, saved_filters(user, scope))
    current = params_from(request.GET)
    return {
        "template": "workday/_saved_filters.html",
        "context": {
            "scope": scope,
            "rows": [
                {"saved": f, "count": n, "url": apply_url(f), "title": describe(scope, f.params)}
                for f, n in rows
            ],
            "current": urlencode(current),
            "can_save": bool(current),
            "today": timezone.localdate(),
        },
    }
