from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .capabilities import Capability, may


def capability_required(capability: Capability):
    """Logged-in users with ``capability``; everyone else logged in gets 404.

    404 rather than 403, as for objects: a page outside one's capabilities simply is not there.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may(request.user, capability):
                raise Http404("Siden finnes ikke.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
