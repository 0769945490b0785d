from participants.access import CHANGE
from participants.sections import Section

from .selectors import participant_documents


def _documents(request, participant):
    # The document views answer only those who may change her: list them for no one else.
    if not request.user.has_perm(CHANGE, participant):
        return None
    return participant_documents(participant)


PARTICIPANT_SECTIONS = [
    Section(order=90, template="documents/_participant_section.html", context=_documents)
]
