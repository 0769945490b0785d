from functools import reduce
from operator import and_

from django.db.models import Q, QuerySet
from django.http import Http404

from core.discovery import collect

from .models import Notification


def _scope(user) -> Q:
    """What other apps say this user may see (a protected person's notices only to the cleared)."""
    return reduce(and_, (scope(user) for scope in collect("NOTIFICATION_SCOPE")), Q())


def notifications_for(user) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(_scope(user), recipient_id=user.pk)
        .select_related("participant")
        .order_by("-created_at", "-id")
    )


def unread_count(user) -> int:
    # Not scoped: it is on every page, and notices about a protected person are routed only
    # to users cleared for her in the first place (participants.access.cleared_ids).
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def get_notification_for_user(user, notification_uuid) -> Notification:
    """One of the user's own notifications; anyone else's is simply not there (404)."""
    notification = (
        Notification.objects.filter(_scope(user), recipient_id=user.pk, uuid=notification_uuid)
        .select_related("participant")
        .first()
    )
    if notification is None:
        raise Http404("Fant ikke varselet.")
    return notification
