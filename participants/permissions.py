from django.http import Http404

from audit.services import audit_participant

from .access import CHANGE, REASSIGN, VIEW, allowed, visible_q
from .backends import remember_answers
from .models import Participant


def get_participant_for_user(
    user, participant_uuid, perm: str = VIEW, *, look: bool = True
) -> Participant:
    """The participant if ``user`` may act on it with ``perm``; 404 otherwise.

    404 and never 403: a refused URL must not reveal that the person exists. Every page
    about a person comes through here, so this is where the look is logged (once a request);
    ``look=False`` for a page that shows nothing of her (a document's state).
    """
    participant = (
        Participant.objects.filter(visible_q(user, perm), uuid=participant_uuid)
        # The page then asks "may she change / reassign?": answered in the same query.
        .annotate(_may_change=allowed(user, CHANGE), _may_reassign=allowed(user, REASSIGN))
        .select_related("nav_kontor", "veileder", "sluttkompetanse")
        .first()
    )
    if participant is None:
        raise Http404("Fant ikke deltakeren.")
    remember_answers(
        user,
        participant,
        {perm: True, CHANGE: participant._may_change, REASSIGN: participant._may_reassign},
    )
    if look:
        audit_participant(user, participant)
    return participant
