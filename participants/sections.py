"""Sections of the participant page contributed by the apps that build on participants.

Each app lists its sections as ``PARTICIPANT_SECTIONS`` in its ``extensions`` module
(discovered by core.discovery); the page renders them in order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from core.discovery import collect

from .permissions import get_participant_for_user


@dataclass(frozen=True)
class Lazy:
    """A section closed on the page until opened: the page pays none of its queries, htmx
    fetches it from ``url_name`` (a ``lazy_section_view``) when opened, and without script
    the link there is a page of its own."""

    title: str
    url_name: str
    # (participant) -> bool, from what the page has loaded already: whether to show it at all.
    shown: Callable | None = None
    # (request, participant) -> [(label, url)]: buttons beside the closed section.
    actions: Callable | None = None


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable  # (request, participant) -> dict | None; None hides the section
    lazy: Lazy | None = field(default=None)


def registered_sections() -> list[Section]:
    return sorted(collect("PARTICIPANT_SECTIONS"), key=lambda s: s.order)


def participant_sections(request, participant) -> list[dict]:
    rendered = []
    for section in registered_sections():
        lazy = section.lazy
        if lazy is not None:
            if lazy.shown is None or lazy.shown(participant):
                rendered.append(
                    {
                        "template": "participants/_lazy_section.html",
                        "context": {
                            "title": lazy.title,
                            "slug": lazy.url_name.replace(":", "-"),
                            "url": reverse(lazy.url_name, args=[participant.uuid]),
                            "actions": lazy.actions(request, participant) if lazy.actions else [],
                        },
                    }
                )
            continue
        ctx = section.context(request, participant)
        if ctx is not None:
            rendered.append({"template": section.template, "context": ctx})
    return rendered


def lazy_section_view(section: Section):
    """The view behind a lazy section: checked and logged as a look like the page (through
    get_participant_for_user), its content alone for htmx, a page of its own without script."""

    @login_required
    def view(request, uuid):
        participant = get_participant_for_user(request.user, uuid)
        page = "participants/lazy_section.html"
        if request.htmx:
            page += "#body"
        return render(
            request,
            page,
            {
                "participant": participant,
                "title": section.lazy.title,
                "template": section.template,
                "section": section.context(request, participant),
            },
        )

    return view


def caseload_panels(request, scope: str) -> list[dict]:
    """Panels other apps put above a caseload (saved filters, for one)."""
    rendered = []
    for panel in collect("CASELOAD_PANELS"):
        found = panel(request, scope)
        if found is not None:
            rendered.append(found)
    return rendered
