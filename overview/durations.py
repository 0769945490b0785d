"""Median and 90th percentile of days, computed in the database.

The percentile is the discrete one: the smallest value whose cumulative share reaches p,
so every figure is a duration that happened. PostgreSQL has it as PERCENTILE_DISC; on
SQLite (the embedded default) the same value comes from window functions.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from matching.models import Match, MatchEvent, MatchStatus
from participants.models import Participant
from phases.models import PhaseTransition

from .filters import Period


@dataclass(frozen=True)
class Spread:
    n: int
    median: float
    p90: float


def _days(earlier: str, later: str) -> str:
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def _at(value):
    return connection.ops.adapt_datetimefield_value(value)


def _spreads(inner: str, params: list) -> dict[str, Spread]:
    """Count, median and 90th percentile of ``v`` per ``g`` over the rows of ``inner``."""
    if connection.vendor == "postgresql":
        sql = f"""
            SELECT g, COUNT(*), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY v),
                   PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY v)
            FROM ({inner}) AS durations GROUP BY g
        """  # nosec B608 - table names come from models, values are parameters
    else:  # the same discrete percentile with window functions
        sql = f"""
            SELECT g, MAX(n), MIN(CASE WHEN rn >= 0.5 * n THEN v END),
                   MIN(CASE WHEN rn >= 0.9 * n THEN v END)
            FROM (
                SELECT g, v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn,
                       COUNT(*) OVER (PARTITION BY g) AS n
                FROM ({inner}) AS durations
            ) AS ranked
            GROUP BY g
        """  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            g: Spread(int(n), float(median), float(p90)) for g, n, median, p90 in cursor.fetchall()
        }


def _in_scope(
    column: str, scope: QuerySet[Participant], outside: QuerySet[Participant] | None
) -> tuple[str, list]:
    """``column`` in the scope; or, given everyone ``outside`` it (the county's few, see
    aggregate.outside), not among them: the same rows without reading every participant.
    EmptyResultSet for an empty scope (.none() has no SQL)."""
    if outside is not None:
        try:
            sql, params = outside.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return "TRUE", []
        return f"{column} NOT IN ({sql})", list(params)
    sql, params = scope.order_by().values("pk").query.sql_with_params()
    return f"{column} IN ({sql})", list(params)


def days_in_phase(
    scope: QuerySet[Participant], period: Period, *, outside: QuerySet[Participant] | None = None
) -> dict[str, Spread]:
    """Per phase: the stays in it that ended during the period (left for another phase).

    Each transition row stores when the stay it ends began (``from_phase_since``), so a
    stay is one row of the history the timeline shows, read without a window over it."""
    try:
        scope_sql, scope_params = _in_scope("t.participant_id", scope, outside)
    except EmptyResultSet:
        return {}
    inner = f"""
        SELECT t.from_phase AS g, {_days("t.from_phase_since", "t.created_at")} AS v
        FROM {PhaseTransition._meta.db_table} t
        WHERE t.from_phase <> '' AND t.from_phase_since IS NOT NULL
          AND t.created_at >= %s AND t.created_at < %s
          AND {scope_sql}
    """  # nosec B608
    return _spreads(inner, [_at(period.start_at), _at(period.end_at), *scope_params])


def days_to_decision(
    scope: QuerySet[Participant], period: Period, *, outside: QuerySet[Participant] | None = None
) -> Spread | None:
    """From proposal to the markedsrådgiver's approval or decline, for decisions in the period."""
    try:
        scope_sql, scope_params = _in_scope("m.participant_id", scope, outside)
    except EmptyResultSet:
        return None
    inner = f"""
        SELECT 'all' AS g, {_days("m.created_at", "e.created_at")} AS v
        FROM {MatchEvent._meta.db_table} e
        JOIN {Match._meta.db_table} m ON m.id = e.match_id
        WHERE e.to_status IN (%s, %s) AND e.created_at >= %s AND e.created_at < %s
          AND {scope_sql}
    """  # nosec B608
    params = [
        MatchStatus.GODKJENT.value,
        MatchStatus.AVSLATT.value,
        _at(period.start_at),
        _at(period.end_at),
        *scope_params,
    ]
    return _spreads(inner, params).get("all")
