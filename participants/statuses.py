"""Status filters of the caseload ("statustall"): one rule per status, as a filter.

The list behind a status and its count use the same Q, so the count equals the list by
construction: the counts are one conditional aggregate over the same base queryset. Apps
building on participants add their own statuses as ``CASELOAD_STATUSES`` (core.discovery).
"""

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.hashable import make_hashable

from accounts.roles import roles_of
from audit.models import AuditAction, AuditEvent
from core.discovery import collect

from .followup import overdue_q
from .models import Phase

MINE = "mine"
KONTOR = "kontor"
INACTIVE_DAYS = 28


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    q: Callable[[object, datetime.date], Q]  # (user, today) -> filter on Participant
    order: int = 50
    scopes: tuple[str, ...] = (MINE, KONTOR)
    group: str = "Status"
    icon: str = ""  # markup shown before the label (a shape, for the colour categories)


def _not_seen(user, today) -> Q:
    # The audit log records every look at a participant's page: "new" until this user has one.
    seen = AuditEvent.objects.filter(
        participant=OuterRef("pk"), actor_id=user.pk, action=AuditAction.VIEW
    )
    return ~Q(Exists(seen))


def _overdue(user, today) -> Q:
    return overdue_q(today)


def _inactive(user, today) -> Q:
    # Nothing recorded on the case (a change of its data or of its phase) for 28 days.
    cutoff = today - datetime.timedelta(days=INACTIVE_DAYS)
    return Q(updated_at__date__lt=cutoff, phase_entered_at__date__lt=cutoff) & ~Q(
        phase=Phase.AVSLUTTET
    )


def _unassigned(user, today) -> Q:
    return Q(veileder__isnull=True)


BASE_STATUSES = [
    Status("ny", "Nye (ikke sett)", _not_seen, order=10),
    Status("forfalt", "Forfalt oppfølging", _overdue, order=20),
    Status("inaktiv", "Ingen aktivitet på 28 dager", _inactive, order=60),
    Status("ikke_tildelt", "Ikke tildelt veileder", _unassigned, order=5, scopes=(KONTOR,)),
]


def statuses_for(scope: str) -> list[Status]:
    found = [s for s in collect("CASELOAD_STATUSES") if scope in s.scopes]
    return sorted(found, key=lambda s: (s.order, s.key))


def status_by_key(scope: str, key: str) -> Status | None:
    return next((s for s in statuses_for(scope) if s.key == key), None)


# The counts' SQL, kept per process: building the statuses' Q objects and compiling them (their
# Exists subqueries above all) cost several times what PostgreSQL takes to run the query.
# Bounded, least recently used out first; an entry is a few kB of SQL.
_COMPILED: OrderedDict = OrderedDict()
_COMPILED_MAX = 256
_LOCK = threading.Lock()


def _compiled_key(base: QuerySet, statuses: list[Status], user, today) -> tuple | None:
    """What the counts' SQL is a function of. The base's own SQL and parameters stand for
    whom the user may see (her roles, clearances and grants, as visible_q put them), so a
    change to any of those is a new key; a status's Q is a function of the user and the day
    (``fn(user, today)``), which the key holds as her id, office and roles."""
    try:
        sql, params = base.order_by().query.sql_with_params()
    except EmptyResultSet:  # she sees no one: the counts are zeros without a query
        return None
    return (
        base.db,
        sql,
        make_hashable(params),
        tuple(s.key for s in statuses),
        user.pk,
        getattr(user, "nav_kontor_id", None),
        roles_of(user),
        today,
    )


def status_counts(base: QuerySet, statuses: list[Status], user, today) -> dict[str, int]:
    """Every status's count over ``base`` in one query (conditional aggregation)."""
    if not statuses:
        return {}
    key = _compiled_key(base, statuses, user, today)
    with _LOCK:
        compiled = _COMPILED.get(key) if key else None
        if compiled is not None:
            _COMPILED.move_to_end(key)
    if compiled is not None:
        sql, params = compiled
        with connections[base.db].cursor() as cursor:
            cursor.execute(sql, params)
            # Column names by position: SQLite's description holds tuples, psycopg's Columns.
            row = {f"n_{i}": n for i, n in enumerate(cursor.fetchone())}
    else:
        aggregates = {
            f"n_{i}": Count("pk", filter=s.q(user, today), distinct=False)
            for i, s in enumerate(statuses)
        }
        executed = []

        def capture(execute, sql, params, many, context):
            executed.append((sql, params))
            return execute(sql, params, many, context)

        with connections[base.db].execute_wrapper(capture):
            row = base.order_by().aggregate(**aggregates)
        # None executed: the base is empty by construction (Django answers without asking).
        if key and len(executed) == 1:
            with _LOCK:
                _COMPILED[key] = executed[0]
                if len(_COMPILED) > _COMPILED_MAX:
                    _COMPILED.popitem(last=False)
    return {s.key: row[f"n_{i}"] for i, s in enumerate(statuses)}
