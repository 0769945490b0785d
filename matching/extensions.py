from django.urls import reverse

from participants.access import CHANGE
from participants.sections import Lazy, Section

from .sections import participant_matches


def _actions(request, participant):
    if not request.user.has_perm(CHANGE, participant):
        return []
    return [("Foreslå bedrift", reverse("matching:propose", args=[participant.uuid]))]


# Closed until opened: her page pays none of its queries (the view is in matching.urls).
MATCHES = Section(
    order=40,
    template="matching/_participant_section.html",
    context=participant_matches,
    lazy=Lazy("Matching med bedrifter", "matching:participant_section", actions=_actions),
)
PARTICIPANT_SECTIONS = [MATCHES]
