from functools import reduce
from operator import and_, or_

from django.db.models import Count, Q, QuerySet
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
    """The header's count, which must not count what the list hides either.

    It is on every page, so it stays one query: only a user with unread notices that the
    scope might hide (about a protected person) pays for the clearance check.
    """
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    sensitive = [fn() for fn in collect("NOTIFICATION_SENSITIVE")]
    if not sensitive:
        return unread.count()
    counts = unread.aggregate(
        total=Count("pk"), sensitive=Count("pk", filter=reduce(or_, sensitive))
    )
    if not counts["sensitive"]:
        return counts["total"]
    return unread.filter(_scope(user)).count()


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
