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
    # The invalid form may not be shown in the page's current state: say what was wrong.
    form = next((a[action] for a in args if isinstance(a, dict) and action in a), None)
    return False, errors_text(form) if form is not None else ""


def errors_text(form) -> str:
    """A form's errors as one sentence per field, for a page-level alert."""
    if form is None or not form.errors:
        return ""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        text = " ".join(str(e) for e in errors)
        parts.append(f"{field.label}: {text}" if field is not None and field.label else text)
    return " ".join(parts)
