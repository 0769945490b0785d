from .access import CHANGE, REASSIGN, VIEW, visible_q
from .models import Participant


def _answers(user) -> dict:
    # By attribute, not __dict__: request.user is a lazy proxy of the User the auth
    # machinery passes here, and both must share one cache.
    cache = getattr(user, "_participant_perm_cache", None)
    if cache is None:
        cache = user._participant_perm_cache = {}
    return cache


def remember_answers(user, participant, answers: dict[str, bool]) -> None:
    """Answers computed elsewhere from visible_q (in the query that loaded ``participant``)."""
    cache = _answers(user)
    for perm, answer in answers.items():
        cache[(perm, participant.pk)] = bool(answer)


class ParticipantAccessBackend:
    """Answers ``user.has_perm(perm, participant)`` from the same rule as the querysets."""

    perms = (VIEW, CHANGE, REASSIGN)

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not isinstance(obj, Participant) or perm not in self.perms:
            return False
        # Several sections of one page ask the same question; answer it once per user object
        # (a request's user lives for that request only).
        cache = _answers(user_obj)
        key = (perm, obj.pk)
        if key not in cache:
            cache[key] = (
                Participant.objects.filter(pk=obj.pk).filter(visible_q(user_obj, perm)).exists()
            )
        return cache[key]

    def get_user(self, user_id):
        return None
