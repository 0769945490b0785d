"""Which whole pages a user may open: one answer for the menu, the views and the tests.

A page's own objects are checked per object elsewhere (participants.access); this says only
whether the page exists for the user at all. A page outside one's capabilities answers 404,
as for objects: it simply is not there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .roles import NAV_ROLES, Role, roles_of


class Capability(StrEnum):
    WORKDAY = "workday"  # Min dag: the start page of those who follow participants up
    CASELOAD = "caseload"
    OFFICE_LIST = "office_list"
    CASEWORK = "casework"  # registers participants, invites them to shared lists
    REVIEW_QUEUE = "review_queue"
    COMPANIES = "companies"
    EDIT_COMPANIES = "edit_companies"
    SHARED_LISTS = "shared_lists"
    ALTERNATIVE_EMPLOYERS = "alternative_employers"
    APPOINTMENTS = "appointments"
    COMPETENCE_REQUESTS = "competence_requests"
    OVERVIEW = "overview"
    AUDIT_LOG = "audit_log"
    NOTIFICATION_SETTINGS = "notification_settings"  # which reminders also come by e-mail
    RETENTION = "retention"  # which ended cases are due for anonymisation, and when


def _any_role(*roles: str) -> Callable[[object, frozenset[str]], bool]:
    wanted = frozenset(roles)
    return lambda user, held: bool(held & wanted)


def _leder_of_an_office(user, held: frozenset[str]) -> bool:
    return Role.LEDER in held and user.nav_kontor_id is not None


def _leder_of_an_office_or_admin(user, held: frozenset[str]) -> bool:
    # A leder without an office has no office to look at: neither page has rows for her.
    return bool(user.is_superuser) or (Role.LEDER in held and user.nav_kontor_id is not None)


@dataclass(frozen=True)
class Rule:
    test: Callable[[object, frozenset[str]], bool]
    url_name: str  # the page the capability opens, so the tests can open it
    in_menu: bool = True  # linked from the main menu (else from a page of a wider capability)


RULES: dict[Capability, Rule] = {
    Capability.WORKDAY: Rule(_any_role(Role.VEILEDER, Role.LEDER), "workday:today"),
    Capability.CASELOAD: Rule(_any_role(Role.VEILEDER), "participants:caseload"),
    Capability.OFFICE_LIST: Rule(_any_role(Role.LEDER), "participants:office"),
    Capability.CASEWORK: Rule(_any_role(Role.VEILEDER, Role.LEDER), "participants:create"),
    Capability.REVIEW_QUEUE: Rule(_any_role(Role.MARKEDSRADGIVER), "matching:queue"),
    Capability.COMPANIES: Rule(
        _any_role(Role.MARKEDSRADGIVER, Role.VEILEDER, Role.LEDER), "companies:list"
    ),
    Capability.EDIT_COMPANIES: Rule(
        _any_role(Role.MARKEDSRADGIVER), "companies:create", in_menu=False
    ),
    Capability.SHARED_LISTS: Rule(_any_role(*NAV_ROLES), "events:list"),
    Capability.ALTERNATIVE_EMPLOYERS: Rule(
        _any_role(Role.VEILEDER), "events:alternatives", in_menu=False
    ),
    Capability.APPOINTMENTS: Rule(_any_role(Role.KARRIEREVEILEDER), "careerguidance:appointments"),
    Capability.COMPETENCE_REQUESTS: Rule(_any_role(Role.FAGOPPLAERING), "careerguidance:requests"),
    Capability.OVERVIEW: Rule(_leder_of_an_office_or_admin, "overview:page"),
    Capability.AUDIT_LOG: Rule(_leder_of_an_office_or_admin, "audit:log"),
    # Linked from the notifications page; the roles that receive reminders by e-mail.
    Capability.NOTIFICATION_SETTINGS: Rule(
        _any_role(Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER),
        "reminders:preferences",
        in_menu=False,
    ),
    Capability.RETENTION: Rule(_leder_of_an_office, "participants:retention", in_menu=False),
}


def capabilities_of(user) -> frozenset[Capability]:
    """Read once per user object; roles_of is cached on it too."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_capabilities_cache", None)
    if cached is None:
        held = roles_of(user)
        cached = frozenset(c for c, rule in RULES.items() if rule.test(user, held))
        user._capabilities_cache = cached
    return cached


def may(user, capability: Capability) -> bool:
    return capability in capabilities_of(user)


# Where each capability's holder lands after login, first match wins.
START_PAGES = (
    Capability.WORKDAY,
    Capability.CASELOAD,
    Capability.OFFICE_LIST,
    Capability.REVIEW_QUEUE,
    Capability.APPOINTMENTS,
    Capability.COMPETENCE_REQUESTS,
)


def start_page(user) -> str | None:
    held = capabilities_of(user)
    return next((RULES[c].url_name for c in START_PAGES if c in held), None)
