from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

PAGE_SIZES = (10, 25, 50, 100)


def page_size(request) -> int:
    """The page size asked for with ?per_side=, if it is one we offer; else the default."""
    try:
        asked = int(request.GET.get("per_side", ""))
    except ValueError:
        return settings.PAGE_SIZE
    return asked if asked in PAGE_SIZES else settings.PAGE_SIZE


# The total rides along with the rows (COUNT(*) OVER ()), under a name no model field has.
_TOTAL = "_window_total"


def counted_page(queryset, per_page: int, number) -> Page:
    """``Paginator(queryset, per_page).get_page(number)`` in one query instead of two.

    The page's rows carry the total as a window count, so the separate ``COUNT(*)`` goes.
    A page past the end has no row to carry it: that case (a stale link, a hand-typed
    number) falls back to the paginator's own count and last page, as get_page does. Only for
    querysets of one row per object (no aggregation), where the window counts the same rows."""
    paginator = Paginator(queryset, per_page)
    try:
        wanted = 1 if number is None else int(number)
    except (TypeError, ValueError):
        wanted = 0
    if wanted < 1:
        return paginator.get_page(number)
    bottom = (wanted - 1) * per_page
    rows = list(queryset.annotate(**{_TOTAL: Window(Count("*"))})[bottom : bottom + per_page])
    if not rows and wanted > 1:
        return paginator.get_page(number)
    # Known now: set it where the cached_property would keep its own answer.
    paginator.__dict__["count"] = getattr(rows[0], _TOTAL) if rows else 0
    return paginator._get_page(rows, wanted, paginator)
