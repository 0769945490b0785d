"""Producers of due reminders. Each app with a due date lists its producers as
``REMINDER_PRODUCERS`` in its extensions module (core.discovery); the scan runs them.

A producer is ``fn(now) -> Iterable[Due]`` and must read an indexed due-date column,
streaming rows (``.iterator()``), so the scan stays seconds at 10^5 participants.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.discovery import collect

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    kind: str
    object_key: str
    period: str
    subject: str
    body: str
    url: str = ""
    recipient_id: int | None = None
    to_email: str = ""
    # The participant it is about: the in-app notice names her (to the cleared only) and
    # folds repeats of one kind about her into one.
    # Also her innsyn and anonymisation find what was sent about her through it.
    participant_id: int | None = None

    @property
    def address(self) -> str:
        return (
            f"user:{self.recipient_id}" if self.recipient_id else f"email:{self.to_email.lower()}"
        )


Producer = Callable[[datetime.datetime], Iterable[Due]]


def producers() -> list[Producer]:
    return collect("REMINDER_PRODUCERS")


def isolated[T](items: Iterable[T], *, key: Callable[[T], str], due: Callable[[T], Iterable[Due]]):
    """Each item's reminders; an item that raises is logged with its key and skipped.

    A producer runs its rows through this so one bad row (a JobbLoop starting in the year
    9999) costs that row's reminders, not every other row's.
    """
    for item in items:
        try:
            found = list(due(item))
        except Exception:
            log.exception("Reminder skipped for %s", key(item))
            continue
        yield from found
