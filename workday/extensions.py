from django.db.models import F
from django.utils import timezone

from core.html import e
from participants.access import CHANGE
from participants.sections import Section

from . import statuses
from .categories import icon
from .filters import panel
from .models import ParticipantMark
from .reminders import huskelapp_reminders


def _deadline_tag(row) -> str:
    tags = ""
    category = getattr(row, "mark_category", "")
    if category:
        tags += " " + icon(category)
    deadline = getattr(row, "mark_deadline", None)
    note = getattr(row, "mark_note", "")
    if note:
        label = f"Huskelapp {deadline:%d.%m.}" if deadline else "Huskelapp"
        # Due today or passed: the same rule as the "huskelapp_frist" status.
        due = statuses.is_due(deadline, timezone.localdate())
        tags += (
            ' <span class="aksel-tag aksel-tag--xsmall" data-variant="outline" '
            f'data-color="{"danger" if due else "neutral"}" title="{e(note)}">{e(label)}</span>'
        )
    return tags


def _mark_section(request, participant):
    if not request.user.has_perm(CHANGE, participant):
        return None
    mark = ParticipantMark.objects.filter(participant=participant).select_related("updated_by")
    mark = mark.first()
    return {
        "participant": participant,
        "mark": mark,
        "due": mark is not None and statuses.is_due(mark.deadline, timezone.localdate()),
    }


CASELOAD_STATUSES = list(statuses.STATUSES)
CASELOAD_ANNOTATIONS = [
    ("mark_category", lambda: F("mark__category")),
    ("mark_deadline", lambda: F("mark__deadline")),
    ("mark_note", lambda: F("mark__note")),
]
CASELOAD_NAME_TAGS = [_deadline_tag]
CASELOAD_PANELS = [panel]
PARTICIPANT_SECTIONS = [
    Section(order=5, template="workday/_participant_section.html", context=_mark_section)
]
REMINDER_PRODUCERS = [huskelapp_reminders]
