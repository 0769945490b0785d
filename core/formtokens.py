"""One-time form tokens: a form that creates something is acted on once.

A creating form carries ``{% form_token %}``, a hidden random token issued when the form is
rendered; its view is wrapped in ``@once``. The first POST with a token claims it in the
same transaction as the view's own writes and records where it led (the redirect after
the POST). A second POST with the same token (a double click, back-and-resend) does not
run the view: it is sent to that first result. Two submits at the very same moment queue
on the token's unique key, so the second sees the first's outcome. A submit the view
refuses (the form comes back with errors, no redirect) releases its token, so the
corrected form can be sent with it.

``is_guarded(view)`` lets tests find every creating view through the URL conf.
"""

import datetime
import uuid
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from .models import FormSubmission

FIELD = "form_token"
# Long enough for a form left open over a weekend and sent again from the browser history.
KEEP = datetime.timedelta(days=7)
ALREADY_SENT = (
    "Skjemaet var allerede sendt. Her er det som ble registrert, ingenting er lagt til på nytt."
)


def _posted_token(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def token_for(request) -> str:
    """The token a rendered form carries: the one just sent back when the form is shown again
    with errors (its claim was released), else a new one."""
    posted = _posted_token(request) if request.method == "POST" else None
    return str(posted or uuid.uuid4())


def _claim(user, token: uuid.UUID) -> FormSubmission | None:
    """The new claim, or None when the token was sent before (waits for a submit in flight)."""
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(user=user, token=token)
    except IntegrityError:
        return None


def once(view):
    """Run ``view`` at most once per posted form token; a repeat goes to the first result."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        token = _posted_token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            claim = _claim(request.user, token)
            if claim is None:
                first = FormSubmission.objects.get(user=request.user, token=token)
                messages.info(request, ALREADY_SENT)
                return HttpResponseRedirect(first.result_url or request.path)
            response = view(request, *args, **kwargs)
            if 300 <= response.status_code < 400 and response.get("Location"):
                claim.result_url = response["Location"][:500]
                claim.save(update_fields=["result_url"])
            else:
                claim.delete()
            FormSubmission.objects.filter(
                user=request.user, created_at__lt=timezone.now() - KEEP
            ).delete()
        return response

    guarded.form_token_guarded = True
    return guarded


def is_guarded(view) -> bool:
    """Whether a view function (as the URL conf holds it) goes through ``once``."""
    while view is not None:
        if getattr(view, "form_token_guarded", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False
