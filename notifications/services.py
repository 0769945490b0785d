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
    clearances: tuple[str, ...] = (),
) -> Notification | None:
    """Notify ``recipient`` once per ``dedup_key``; None when that was already done.

    ``clearances`` are the permissions the notification's subject asks for (a protected
    person: participants.access.required_clearances); a recipient without them gets
    nothing, so a notification never tells anyone that such a person exists.

    Safe inside the caller's transaction: the savepoint keeps a duplicate from breaking it.
    """
    if not all(recipient.has_perm(p) for p in clearances):
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient, kind=kind, text=text[:500], url=url, dedup_key=dedup_key
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
