from participants.access import CHANGE
from participants.sections import Section

from .selectors import phase_section, plan_section
from .services import phase_initialize


def _phase(request, participant):
    data = phase_section(participant)
    data["can_change"] = request.user.has_perm(CHANGE, participant)
    return data


def _plan(request, participant):
    # Mapping holds economy, health and family: only those who may change her see it.
    if not request.user.has_perm(CHANGE, participant):
        return None
    return plan_section(participant)


AFTER_PARTICIPANT_CREATE = [phase_initialize]
PARTICIPANT_SECTIONS = [
    Section(order=10, template="phases/_participant_section.html", context=_phase),
    Section(order=11, template="phases/_plan_section.html", context=_plan),
]
