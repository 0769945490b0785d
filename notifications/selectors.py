from django.db.models import QuerySet
from django.http import Http404

from .models import Notification


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def get_notification_for_user(user, notification_uuid) -> Notification:
    """One of the user's own notifications; anyone else's is simply not there (404)."""
    notification = Notification.objects.filter(recipient_id=user.pk, uuid=notification_uuid).first()
    if notification is None:
        raise Http404("Fant ikke varselet.")
    return notification
