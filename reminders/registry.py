"""Producers of due reminders. Each app with a due date lists its producers as
``REMINDER_PRODUCERS`` in its extensions module (core.discovery); the scan runs them.

A producer is ``fn(now) -> Iterable[Due]`` and must read an indexed due-date column,
streaming rows (``.iterator()``), so the scan stays seconds at 10^5 participants.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.discovery import collect


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
    participant_id: int | None = None  # whom it is about, for her innsyn and anonymisation

    @property
    def address(self) -> str:
        return (
            f"user:{self.recipient_id}" if self.recipient_id else f"email:{self.to_email.lower()}"
        )


Producer = Callable[[datetime.datetime], Iterable[Due]]


def producers() -> list[Producer]:
    return collect("REMINDER_PRODUCERS")
