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
        return Participant.objects.filter(pk=obj.pk).filter(visible_q(user_obj, perm)).exists()

    def get_user(self, user_id):
        return None
