from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from accounts.roles import roles_of


def role_required(*roles: str):
    """Logged-in users holding one of ``roles``; everyone else logged in gets 404.

    404 rather than 403, as for objects: a page outside one's role simply is not there.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not roles_of(request.user) & set(roles):
                raise Http404("Siden finnes ikke.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
