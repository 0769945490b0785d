"""Template filters that write values the Norwegian way."""

import datetime

from django import template

from core.bounds import duration_text

register = template.Library()


@register.filter
def varighet(value) -> str:
    """A timedelta as "30 minutter"; anything else as it is."""
    if isinstance(value, datetime.timedelta):
        return duration_text(value)
    return value
