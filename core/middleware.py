import time

from django.conf import settings


class SessionIdleRefreshMiddleware:
    """The inactivity expiry without a session write on every request.

    The session lives SESSION_COOKIE_AGE from its last save. Saving it on each request
    (SESSION_SAVE_EVERY_REQUEST) costs a write transaction per page; refreshing it at most
    once per SESSION_IDLE_REFRESH_SECONDS keeps the idle limit to within that many seconds.
    Sits just below SessionMiddleware, which saves what this marks as modified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get("_idle_touch", 0) >= settings.SESSION_IDLE_REFRESH_SECONDS:
                session["_idle_touch"] = now
        return response
