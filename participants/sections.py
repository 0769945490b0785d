"""Sections of the participant page contributed by the apps that build on participants.

Each app lists its sections as ``PARTICIPANT_SECTIONS`` in its ``extensions`` module
(discovered by core.discovery); the page renders them in order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.discovery import collect


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable  # (request, participant) -> dict | None; None hides the section


def registered_sections() -> list[Section]:
    return sorted(collect("PARTICIPANT_SECTIONS"), key=lambda s: s.order)


def participant_sections(request, participant) -> list[dict]:
    rendered = []
    for section in registered_sections():
        ctx = section.context(request, participant)
        if ctx is not None:
            rendered.append({"template": section.template, "context": ctx})
    return rendered


def caseload_panels(request, scope: str) -> list[dict]:
    """Panels other apps put above a caseload (saved filters, for one)."""
    rendered = []
    for panel in collect("CASELOAD_PANELS"):
        found = panel(request, scope)
        if found is not None:
            rendered.append(found)
    return rendered
