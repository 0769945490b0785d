from .capabilities import capabilities_of


def navigation(request):
    """The menu: one entry per capability the user holds (accounts.capabilities)."""
    user = getattr(request, "user", None)
    held = capabilities_of(user) if user is not None else frozenset()
    return {"can": {str(c): True for c in held}}
