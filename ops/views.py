"""Health and metrics for the platform; answered before sessions, login and audit (middleware)."""

import logging

from django.http import HttpResponse, JsonResponse
from prometheus_client import CONTENT_TYPE_LATEST

from . import probes
from .collectors import scrape

log = logging.getLogger(__name__)


def isalive(request):
    # The process answers: nothing else is asked, so a slow database never restarts pods.
    return JsonResponse({"status": "alive"})


def isready(request):
    failures = probes.failures()
    if failures:
        log.warning("Not ready: %s", ", ".join(failures))
        return JsonResponse({"status": "not ready", "failing": failures}, status=503)
    return JsonResponse({"status": "ready"})


def metrics(request):
    return HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
