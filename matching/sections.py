from participants.access import CHANGE

from .selectors import matches_for_participant


def participant_matches(request, participant) -> dict:
    """The participant page's "Matching" section: her matches, their history, a way to propose."""
    return {
        "matches": list(matches_for_participant(participant)),
        "can_propose": request.user.has_perm(CHANGE, participant),
    }
