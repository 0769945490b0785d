"""Sections of the participant page contributed by other apps.

Each app registers its section in ``AppConfig.ready()``; the participant page renders them
in order. Keeps the participants app free of imports from apps that build on it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable  # (request, participant) -> dict | None; None hides the section


_registry: list[Section] = []


def register_participant_section(*, order: int, template: str, context: Callable) -> None:
    if any(s.template == template for s in _registry):
        return
    _registry.append(Section(order, template, context))
    _registry.sort(key=lambda s: s.order)


def participant_sections(request, participant) -> list[dict]:
    rendered = []
    for section in _registry:
        ctx = section.context(request, participant)
        if ctx is not None:
            rendered.append({"template": section.template, "context": ctx})
    return rendered
