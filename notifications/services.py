"""Every write to notifications goes through these functions."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core.exceptions import DomainError

from .models import Notification


def notification_create(
    *,
    recipient: User,
    kind: str,
    text: str,
    url: str = "",
    dedup_key: str,
    participant_id: int | None = None,
) -> Notification | None:
    """Notify ``recipient`` once per ``dedup_key``; None when that was already done.

    Safe inside the caller's transaction: the savepoint keeps a duplicate from breaking it.
    """
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient,
                kind=kind,
                text=text[:500],
                url=url,
                dedup_key=dedup_key,
                participant_id=participant_id,
            )
    except IntegrityError:
        return None


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read; reading it again changes nothing."""
    if notification.recipient_id != actor.pk:
        raise DomainError("Du kan bare markere dine egne varsler som lest.")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notification_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
