"""The county's period figures from the daily aggregate, equal to figures.count_figures.

A figure counts each participant once however many days she has it in the period, so
days cannot simply be added up. Each FigureDay row carries the participant's previous day
with the same figure; she is counted on her first day in the period, the one row whose
previous day is before the period (or none). That makes a period's count a sum of rows,
which OfficeFigureDay holds already summed per office and day.

The aggregate holds the days before ``FigureRefresh.through`` as they were at the refresh.
The county's count is then

    the aggregate's sum
    − what the aggregate counted of participants the count must not hold or holds wrongly
    + the direct count (figures.py) over those of them in the user's scope,

where "those" are everyone outside the scope (anonymised since, or protected and the user
not cleared for her: the aggregate counts all participants) and everyone with a row written
from the start of ``through`` on (today's moves, a fagbrev registered today with an
earlier date). Moving office does not matter to the county, who counts every office.
Sources without a stable day (matches now, notes by today's consent, appointments whose
status changes) stay direct queries: they are small.

Participants are anonymised, never deleted, by the app; a bulk delete (the demo's reset)
leaves their counts in OfficeFigureDay until the next refresh, so seed_demo refreshes.
"""

import datetime

from django.db import connection, transaction
from django.db.models import DateTimeField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from participants.access import protection_q
from participants.models import MAYBE_HIDDEN, Participant

from .access import sees_all_offices
from .figures import FIGURES, SOURCES, count_figures
from .filters import OverviewFilter, Period
from .models import FigureDay, FigureRefresh, OfficeFigureDay

AGGREGATED = [key for key, source in SOURCES.items() if source.day]
BEGINNING = datetime.date(1900, 1, 1)


def _day(model, field: str):
    if isinstance(model._meta.get_field(field), DateTimeField):
        return TruncDate(field)  # the day in Oslo, as a period's bounds are
    return F(field)


def refresh(*, today: datetime.date | None = None) -> FigureRefresh:
    """Rebuild the aggregate from the source tables, every day before ``today``.

    Idempotent: the whole of it is replaced in one transaction, so readers see the old or
    the new one, and running it twice gives the same rows."""
    today = today or timezone.localdate()
    refreshed_at = timezone.now()
    before_today = Period(BEGINNING, today - datetime.timedelta(days=1))
    fact, office = FigureDay._meta.db_table, OfficeFigureDay._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {office}")  # nosec B608 - table names from models
        cursor.execute(f"DELETE FROM {fact}")  # nosec B608
        for figure in FIGURES.values():
            if figure.source not in AGGREGATED:
                continue
            source = SOURCES[figure.source]
            rows = source.rows(before_today)
            days = (
                rows.filter(figure.where(before_today))
                .annotate(fp=F(source.participant), fd=_day(rows.model, source.day))
                .order_by()
                .values("fp", "fd")
                .distinct()
            )
            sql, params = days.query.sql_with_params()
            cursor.execute(
                f"""
                INSERT INTO {fact} (participant_id, figure, day, prev_day)
                SELECT fp, %s, fd, LAG(fd) OVER (PARTITION BY fp ORDER BY fd)
                FROM ({sql}) AS days
                """,  # nosec B608
                [figure.key, *params],
            )
        cursor.execute(
            f"""
            INSERT INTO {office} (nav_kontor_id, figure, day, prev_day, n)
            SELECT p.nav_kontor_id, f.figure, f.day, f.prev_day, COUNT(*)
            FROM {fact} f JOIN {Participant._meta.db_table} p ON p.id = f.participant_id
            GROUP BY p.nav_kontor_id, f.figure, f.day, f.prev_day
            """  # nosec B608
        )
        FigureRefresh.objects.all().delete()
        return FigureRefresh.objects.create(through=today, refreshed_at=refreshed_at)


def serves(f: OverviewFilter, user) -> bool:
    """The aggregate answers for the whole county with no filter but the period."""
    return sees_all_offices(user) and f == OverviewFilter(period=f.period)


def _first_in(period: Period) -> Q:
    return Q(day__gte=period.start, day__lte=period.end) & (
        Q(prev_day__isnull=True) | Q(prev_day__lt=period.start)
    )


def outside(user) -> QuerySet[Participant]:
    """Everyone the county's scope leaves out for ``user`` (office_scope without an office):
    anonymised, or protected and she not cleared. Read from MAYBE_HIDDEN's partial index."""
    left_out = Q(anonymised_at__isnull=False)
    hidden = protection_q(user)
    if hidden:
        left_out |= ~hidden
    return Participant.objects.filter(MAYBE_HIDDEN).filter(left_out)


def _fresh(through: datetime.date) -> set[int]:
    """The participants with aggregated rows written from the start of ``through`` on, or
    dated on or after it: their rows do not stand as they are (see the top). Taking too many
    is safe (they are recounted directly), so the refresh row may be read before a refresh
    that commits meanwhile."""
    since = timezone.make_aware(datetime.datetime.combine(through, datetime.time.min))
    parts = []
    for key in AGGREGATED:
        source = SOURCES[key]
        model = source.rows(Period(BEGINNING, BEGINNING)).model  # the source's table
        newer = Q(**{f"{source.created}__gte": since})
        if source.day != source.created:
            bound = (
                since if isinstance(model._meta.get_field(source.day), DateTimeField) else through
            )
            newer |= Q(**{f"{source.day}__gte": bound})
        parts.append(
            model._default_manager.filter(newer)
            .annotate(pk=F(source.participant))
            .values_list("pk")
        )
    # One statement (one snapshot); Django's union() trips on the models' default ordering.
    sqls, params = zip(*(part.order_by().query.sql_with_params() for part in parts), strict=True)
    union = " UNION ".join(f"SELECT pk FROM ({sql}) AS part{i}" for i, sql in enumerate(sqls))
    with connection.cursor() as cursor:
        cursor.execute(union, [p for ps in params for p in ps])  # nosec B608 - ORM-built
        return {pk for (pk,) in cursor.fetchall()}


def county_counts(scope: QuerySet[Participant], user, period: Period) -> dict[str, int] | None:
    """The aggregated sources' figures for the county; None before the first refresh."""
    state = FigureRefresh.objects.order_by().first()
    if state is None:
        return None
    fresh = _fresh(state.through)
    counts = {f.key: 0 for f in FIGURES.values() if f.source in AGGREGATED}
    first = _first_in(period)
    summed = (
        OfficeFigureDay.objects.filter(first)
        .order_by()
        .values("figure")
        .annotate(n=Sum("n"))
        .values_list("figure", "n")
        .union(
            # Those outside her scope as a subquery: the anonymised only grow in number.
            FigureDay.objects.filter(
                first, Q(participant__in=outside(user).values("pk")) | Q(participant__in=fresh)
            )
            .order_by()
            .values("figure")
            .annotate(n=Sum(Value(-1)))
            .values_list("figure", "n"),
            all=True,
        )
    )
    for figure, n in summed:
        if figure in counts:
            counts[figure] += n
    # The scope leaves out those outside it; an empty list costs no query.
    direct = count_figures(scope.filter(pk__in=fresh), period, sources=AGGREGATED)
    for key, n in direct.items():
        counts[key] += n
    return counts


def figure_counts(user, f: OverviewFilter, scope: QuerySet[Participant]) -> dict[str, int]:
    """Every figure of the page: the county's from the aggregate when it can, else direct."""
    if serves(f, user) and (aggregated := county_counts(scope, user, f.period)) is not None:
        others = [key for key in SOURCES if key not in AGGREGATED]
        direct = count_figures(scope, f.period, sources=others, outside=outside(user))
        return {**direct, **aggregated}
    return count_figures(scope, f.period)
