"""An e-mail backend that fails the first N sends, to test retries against a real failure."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

failures_left = {"n": 0}


class FlakyBackend(EmailBackend):
    def send_messages(self, messages):
        if failures_left["n"] > 0:
            failures_left["n"] -= 1
            raise smtplib.SMTPServerDisconnected("Mail server went away")
        return super().send_messages(messages)


__all__ = ["FlakyBackend", "mail"]
