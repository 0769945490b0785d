from .access import CHANGE, REASSIGN, VIEW, visible_q
from .models import Participant


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
        cache = user_obj.__dict__.setdefault("_participant_perm_cache", {})
        key = (perm, obj.pk)
        if key not in cache:
            cache[key] = (
                Participant.objects.filter(pk=obj.pk).filter(visible_q(user_obj, perm)).exists()
            )
        return cache[key]

    def get_user(self, user_id):
        return None
