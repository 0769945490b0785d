"""First in the chain: the platform's endpoints, and a log line and metrics for every request.

Health probes come from the kubelet with the pod's IP as Host and over plain HTTP, so they are
answered here, before ALLOWED_HOSTS, the HTTPS redirect, sessions, login and the sporingslogg.
"""

import ipaddress
import logging
import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponseNotFound

from core.metrics import REQUEST_LATENCY, REQUEST_QUERIES

from . import views

request_log = logging.getLogger("trondelag.request")

INTERNAL = {
    "/internal/isalive": views.isalive,
    "/internal/isready": views.isready,
    "/internal/metrics": views.metrics,
}


def metrics_allowed(request) -> bool:
    """Only scrapers inside the cluster: never through the ingress, only from allowed networks."""
    # NAIS's ingress always adds X-Forwarded-For; Prometheus in the cluster calls the pod directly.
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


class OpsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        internal = INTERNAL.get(request.path_info)
        if internal is not None:
            if internal is views.metrics and not metrics_allowed(request):
                return HttpResponseNotFound()
            return internal(request)

        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        duration = time.perf_counter() - started

        match = request.resolver_match
        view = match.view_name if match else "unresolved"
        REQUEST_LATENCY.labels(view, request.method).observe(duration)
        REQUEST_QUERIES.labels(view).inc(queries)
        # Only a user the request already loaded: reading request.user here would cost a query.
        user = getattr(request, "_cached_user", None)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": getattr(request, "request_id", ""),
                "view": view,
                "method": request.method,
                # The path only: a query string may hold what a user typed.
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 1),
                "queries": queries,
                "nav_ident": getattr(user, "nav_ident", "") or "",
            },
        )
        return response
