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
    group_key: str = "",
    participant_id: int | None = None,
) -> Notification | None:
    """Notify ``recipient`` once per ``dedup_key``; None when that was already done.

    With a ``group_key``, a recipient who has an unread notice of that group gets it
    updated (new text and link, moved to the top, counted) instead of a second notice.
    Safe inside the caller's transaction: savepoints keep a duplicate from breaking it.
    """
    if Notification.objects.filter(recipient=recipient, dedup_key=dedup_key).exists():
        return None
    fields = {"kind": kind, "text": text[:500], "url": url, "participant_id": participant_id}
    for _attempt in range(2):
        if group_key:
            updated = _fold_into_unread(recipient, group_key, dedup_key, fields)
            if updated is not None:
                return updated
        try:
            with transaction.atomic():
                return Notification.objects.create(
                    recipient=recipient, dedup_key=dedup_key, group_key=group_key, **fields
                )
        except IntegrityError:
            # Either this very event was recorded meanwhile (done), or another event of the
            # group made the unread notice first: fold into it on the second round.
            if Notification.objects.filter(recipient=recipient, dedup_key=dedup_key).exists():
                return None
    return None


def _fold_into_unread(recipient, group_key, dedup_key, fields) -> Notification | None:
    try:
        return _fold(recipient, group_key, dedup_key, fields)
    except IntegrityError:
        return None  # this event's key was recorded meanwhile; the caller sees it


def _fold(recipient, group_key, dedup_key, fields) -> Notification | None:
    with transaction.atomic():
        unread = (
            Notification.objects.select_for_update()
            .filter(recipient=recipient, group_key=group_key, read_at__isnull=True)
            .first()
        )
        if unread is None:
            return None
        for name, value in fields.items():
            setattr(unread, name, value)
        unread.dedup_key = dedup_key
        unread.created_at = timezone.now()
        unread.repeats += 1
        unread.save()
        return unread


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
