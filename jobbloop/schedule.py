"""The JobbLoop calendar (seed 003), as one pure function.

Candidates rotate to the next company after 4 and 8 months; a gathering is held two weeks
before each rotation; after 12 months the loop ends and the shared certificate is due.
Months are calendar months, clamped at month end (31 January + 1 month = 28/29 February),
and always counted from the start date, so a loop starting 31 October rotates 28 February
and 30 June, not on dates that drift with each short month.
"""

import datetime
from dataclasses import dataclass

from core.bounds import add_days, add_months

ROTATION_MONTHS = (4, 8)
LOOP_MONTHS = 12
GATHERING_BEFORE = datetime.timedelta(days=14)
POSITIONS = (1, 2, 3)


@dataclass(frozen=True)
class Period:
    position: int  # which company (1-3)
    start: datetime.date
    end: datetime.date  # exclusive: the candidate is at the next company on this day


@dataclass(frozen=True)
class Schedule:
    start: datetime.date
    rotations: tuple[datetime.date, datetime.date]
    gatherings: tuple[datetime.date, datetime.date]
    ends_on: datetime.date  # the certificate is due on this day
    # start position -> the three periods of a candidate who starts at that company
    periods: dict[int, tuple[Period, Period, Period]]
    on: datetime.date | None = None
    # start position -> the company (1-3) she is at on ``on``; None before start or after end
    where: dict[int, int | None] | None = None
    next_rotation: datetime.date | None = None
    next_gathering: datetime.date | None = None


def loop_schedule(start: datetime.date, *, on: datetime.date | None = None) -> Schedule:
    """Every date of a loop starting ``start``, and, given ``on``, who is where that day."""
    rotations = tuple(add_months(start, m) for m in ROTATION_MONTHS)
    ends_on = add_months(start, LOOP_MONTHS)
    bounds = (start, *rotations, ends_on)
    periods = {
        first: tuple(
            Period(position=(first - 1 + i) % 3 + 1, start=bounds[i], end=bounds[i + 1])
            for i in range(3)
        )
        for first in POSITIONS
    }
    gatherings = tuple(add_days(r, -GATHERING_BEFORE.days) for r in rotations)
    if on is None:
        return Schedule(start, rotations, gatherings, ends_on, periods)
    return Schedule(
        start,
        rotations,
        gatherings,
        ends_on,
        periods,
        on=on,
        where={
            first: next((p.position for p in ps if p.start <= on < p.end), None)
            for first, ps in periods.items()
        },
        next_rotation=next((r for r in rotations if r > on), None),
        next_gathering=next((g for g in gatherings if g >= on), None),
    )


def candidate_periods(start: datetime.date, start_position: int) -> tuple[Period, ...]:
    """Where a candidate starting at company ``start_position`` is in each third of the year."""
    return loop_schedule(start).periods[start_position]


def position_on(start: datetime.date, start_position: int, day: datetime.date) -> int | None:
    """The company (1-3) the candidate is at on ``day``; None before start or after the end."""
    return loop_schedule(start, on=day).where[start_position]
