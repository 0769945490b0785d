from participants.access import CHANGE
from participants.sections import Section

from .selectors import invitations_of


def _invitations(request, participant):
    return {
        "invitations": invitations_of(participant),
        "can_invite": request.user.has_perm(CHANGE, participant),
    }


PARTICIPANT_SECTIONS = [
    Section(order=42, template="events/_participant_section.html", context=_invitations)
]
