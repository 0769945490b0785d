from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import render


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


def bad_request(request, exception=None):
    """Django's 400 handler: a Norwegian page, and 413 when the form or upload was too big."""
    if isinstance(exception, RequestDataTooBig):
        limit = max(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0, 1) / (1024 * 1024)
        text = f"{limit:.1f} MB".replace(".", ",").replace(",0 MB", " MB")
        return render(request, "413.html", {"limit": text}, status=413)
    return render(request, "400.html", status=400)
