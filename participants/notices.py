"""In-app notices about a participant: named, linked, folded, and only to the cleared."""

from notifications.services import notification_create

from .access import cleared_ids
from .models import Participant


def notify_about(
    participant: Participant,
    *,
    users,
    kind: str,
    text: str,
    url: str,
    event_key: str,
    group: str = "",
) -> int:
    """One notice per user about ``participant``; how many were made or updated.

    The text names no one: the notice links the participant and the list shows her name,
    and only users cleared for her protection get it at all. A user with an unread notice
    of the same kind about her (or about ``group``, e.g. one match) has it updated instead
    of getting a copy. ``event_key`` makes the same event notify once.
    """
    unique = {u.pk: u for u in users if u is not None}
    cleared = cleared_ids(participant, unique.values())
    made = 0
    for user in unique.values():
        if user.pk not in cleared:
            continue
        made += (
            notification_create(
                recipient=user,
                kind=kind,
                text=text,
                url=url,
                dedup_key=f"{kind}:{event_key}"[:200],
                group_key=f"{kind}:{group or f'participant:{participant.pk}'}"[:200],
                participant_id=participant.pk,
            )
            is not None
        )
    return made
