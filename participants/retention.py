"""How long an ended case is kept before she is anonymised: the one place for the rule."""

import datetime

from django.conf import settings
from django.db.models import DateTimeField, ExpressionWrapper, F, Q, Value
from django.utils import timezone

from .models import Phase


def retention_period() -> datetime.timedelta:
    return datetime.timedelta(days=365 * settings.RETENTION_YEARS)


def ended_q() -> Q:
    """Ended and not yet anonymised: the cases the retention rule applies to."""
    return Q(phase=Phase.AVSLUTTET, anonymised_at__isnull=True)


def due_q(now: datetime.datetime | None = None) -> Q:
    """Ended longer ago than the retention period (an indexed range on phase_entered_at)."""
    now = now or timezone.now()
    return ended_q() & Q(phase_entered_at__lt=now - retention_period())


def due_at_expression() -> ExpressionWrapper:
    """When a case becomes due, as a column (the ended cases' page sorts on it)."""
    return ExpressionWrapper(
        F("phase_entered_at") + Value(retention_period()), output_field=DateTimeField()
    )
