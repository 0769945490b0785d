from .producers import followups

REMINDER_PRODUCERS = [followups]
