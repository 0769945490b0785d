"""When a follow-up is overdue: one rule, as a Python test and as the same test in SQL.

A follow-up is overdue once its due day has passed in Oslo. ``next_followup_due`` is
stored on the participant (phases keeps it current) and is empty for phases without a
follow-up rhythm, so an ended case is never overdue.
"""

import datetime

from django.db.models import Q


def is_overdue(due: datetime.date | None, *, today: datetime.date) -> bool:
    return due is not None and due < today


def overdue_q(today: datetime.date, *, prefix: str = "") -> Q:
    """The same rule as a filter on Participant (or on a relation to it, by ``prefix``)."""
    return Q(**{f"{prefix}next_followup_due__lt": today})
