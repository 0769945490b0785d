from django.utils import timezone

from participants.sections import Lazy, Section

from .models import LoopCandidate
from .reminders import loop_reminders
from .selectors import participant_loop_places
from .services import MAX_AGE, MIN_AGE


def _places(request, participant):
    return {"places": participant_loop_places(participant, timezone.localdate())}


def _shown(participant) -> bool:
    # Outside the JobbLoop age group and never in a loop: nothing to say. The age needs no
    # query; only someone outside it costs the page one.
    if MIN_AGE <= participant.age <= MAX_AGE:
        return True
    return LoopCandidate.objects.filter(participant=participant).exists()


# Closed until opened: her page pays none of its queries (the view is in jobbloop.urls).
PLACES = Section(
    order=45,
    template="jobbloop/_participant_section.html",
    context=_places,
    lazy=Lazy("JobbLoop", "jobbloop:participant_section", shown=_shown),
)
PARTICIPANT_SECTIONS = [PLACES]
REMINDER_PRODUCERS = [loop_reminders]
