from accounts.roles import Role, roles_of


def navigation(request):
    """The menu entries of the roles the user holds (roles read once per request)."""
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None else frozenset()
    return {
        "user_roles": roles,
        "is_veileder": Role.VEILEDER in roles,
        "is_leder": Role.LEDER in roles,
        "is_karriereveileder": Role.KARRIEREVEILEDER in roles,
        "is_fagopplaering": Role.FAGOPPLAERING in roles,
        "can_search_audit": Role.LEDER in roles or getattr(user, "is_superuser", False),
        "can_see_overview": (Role.LEDER in roles and getattr(user, "nav_kontor_id", None))
        or getattr(user, "is_superuser", False),
    }
