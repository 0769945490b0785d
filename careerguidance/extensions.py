from participants.access import CHANGE
from participants.sections import Section

from .reminders import appointment_reminders
from .sections import guidance_section


def _guidance(request, participant):
    if not request.user.has_perm(CHANGE, participant):
        return None
    return guidance_section(participant)


PARTICIPANT_SECTIONS = [
    Section(order=20, template="careerguidance/_participant_section.html", context=_guidance)
]
REMINDER_PRODUCERS = [appointment_reminders]
