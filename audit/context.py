"""Who is asking, from where, in which request: set by the middleware, read when auditing."""

import contextvars
import uuid
from dataclasses import dataclass, field

from django.conf import settings


@dataclass
class RequestContext:
    request_id: str
    ip: str | None
    path: str
    recorded: set = field(default_factory=set)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "audit_request", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def _client_ip(request) -> str | None:
    if settings.AUDIT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")[:64]
        ctx = RequestContext(
            request_id=incoming or uuid.uuid4().hex, ip=_client_ip(request), path=request.path[:300]
        )
        request.request_id = ctx.request_id
        token = _current.set(ctx)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = ctx.request_id
        return response
