"""The JobbLoop calendar (seed 003), as pure functions.

Candidates rotate to the next company after 4 and 8 months; a gathering is held two weeks
before each rotation; after 12 months the loop ends and the shared certificate is due.
Months are calendar months, clamped at month end (31 January + 1 month = 28/29 February).
"""

import calendar
import datetime
from dataclasses import dataclass

ROTATION_MONTHS = (4, 8)
LOOP_MONTHS = 12
GATHERING_BEFORE = datetime.timedelta(days=14)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    position: int  # which company (1-3)
    start: datetime.date
    end: datetime.date  # exclusive


@dataclass(frozen=True)
class Schedule:
    rotations: tuple[datetime.date, datetime.date]
    gatherings: tuple[datetime.date, datetime.date]
    ends_on: datetime.date


def loop_schedule(start: datetime.date) -> Schedule:
    rotations = tuple(add_months(start, m) for m in ROTATION_MONTHS)
    return Schedule(
        rotations=rotations,
        gatherings=tuple(r - GATHERING_BEFORE for r in rotations),
        ends_on=add_months(start, LOOP_MONTHS),
    )


def candidate_periods(start: datetime.date, start_position: int) -> list[Period]:
    """Where a candidate starting at company ``start_position`` is in each third of the year."""
    bounds = [start, *loop_schedule(start).rotations, loop_schedule(start).ends_on]
    return [
        Period(position=(start_position - 1 + i) % 3 + 1, start=bounds[i], end=bounds[i + 1])
        for i in range(3)
    ]


def position_on(start: datetime.date, start_position: int, day: datetime.date) -> int | None:
    """The company (1-3) the candidate is at on ``day``; None before start or after the end."""
    for period in candidate_periods(start, start_position):
        if period.start <= day < period.end:
            return period.position
    return None
