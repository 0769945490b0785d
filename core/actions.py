"""Pages with several small forms (a meeting place, a JobbLoop): one POST field names the form."""

from django.contrib import messages

from .exceptions import DomainError


def run_action(request, handlers: dict, *args) -> tuple[bool, str]:
    """Run the handler named by POST ``action`` with ``args``; (done, error message).

    A handler returns its success message, or None when its form is invalid (the form then
    shows its errors); a DomainError becomes the page's error message."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in handlers:
        return False, ""
    try:
        done = handlers[action](request, *args)
    except DomainError as exc:
        return False, exc.message
    if done:
        messages.success(request, done)
        return True, ""
    return False, ""
