from django.utils import timezone

from participants.sections import Section

from .reminders import loop_reminders
from .selectors import participant_loop_places
from .services import MAX_AGE, MIN_AGE


def _places(request, participant):
    places = participant_loop_places(participant, timezone.localdate())
    # Outside the JobbLoop age group and never in a loop: nothing to say.
    if not places and not MIN_AGE <= participant.age <= MAX_AGE:
        return None
    return {"places": places}


PARTICIPANT_SECTIONS = [
    Section(order=45, template="jobbloop/_participant_section.html", context=_places)
]
REMINDER_PRODUCERS = [loop_reminders]
