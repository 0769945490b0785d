from django.urls import reverse

from participants.access import CHANGE
from participants.sections import Lazy, Section

from .selectors import invitations_of


def _invitations(request, participant):
    return {"invitations": invitations_of(participant)}


def _actions(request, participant):
    if not request.user.has_perm(CHANGE, participant):
        return []
    return [("Inviter til møteplass", reverse("events:invite", args=[participant.uuid]))]


# Closed until opened: her page pays none of its queries (the view is in events.urls).
INVITATIONS = Section(
    order=42,
    template="events/_participant_section.html",
    context=_invitations,
    lazy=Lazy("Møteplasser og Kick-Off", "events:participant_section", actions=_actions),
)
PARTICIPANT_SECTIONS = [INVITATIONS]
