"""Reads of participants that views share; every one starts from what the user may see."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import NavKontor, User
from accounts.roles import Role
from core.discovery import collect

from .access import VIEW, visible_q
from .followup import overdue_q
from .models import Laerefag, Participant
from .retention import due_at_expression, ended_q
from .statuses import status_by_key

# The sort keys a user may choose, mapped to columns with an index behind them.
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "navn": ("Navn (A–Å)", ("last_name", "first_name", "id")),
    "-navn": ("Navn (Å–A)", ("-last_name", "-first_name", "-id")),
    "alder": ("Alder (yngst først)", ("-birth_date", "id")),
    "-alder": ("Alder (eldst først)", ("birth_date", "id")),
    "nyest": ("Sist registrert", ("-created_at", "-id")),
    "eldst": ("Først registrert", ("created_at", "id")),
    "neste_oppfolging": (
        "Neste oppfølging (først forfalt)",
        (F("next_followup_due").asc(nulls_last=True), "id"),
    ),
    "lengst_i_fase": ("Lengst i fasen", ("phase_entered_at", "id")),
    # The chosen columns sort by these too (participants.columns).
    "innsatsgruppe": ("Innsatsgruppe", ("innsatsgruppe", "last_name", "id")),
    "sluttkompetanse": ("Sluttkompetanse", ("sluttkompetanse__name", "last_name", "id")),
    "kontor": ("NAV-kontor", ("nav_kontor__name", "last_name", "id")),
    "veileder": (
        "Veileder (ikke tildelt først)",
        (F("veileder__name").asc(nulls_first=True), "last_name", "id"),
    ),
}
DEFAULT_SORT = "navn"


class Scope:
    MINE = "mine"
    KONTOR = "kontor"


@dataclass(frozen=True)
class CaseloadFilter:
    search: str = ""
    innsatsgruppe: str = ""
    sluttkompetanse_id: int | None = None
    nav_kontor_id: int | None = None
    phase: str = ""
    overdue: bool = False
    sort: str = DEFAULT_SORT
    status: str = ""  # a key of participants.statuses

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.search.strip()
            or self.innsatsgruppe
            or self.sluttkompetanse_id
            or self.nav_kontor_id
            or self.phase
            or self.overdue
            or self.status
        )


def participants_visible_to(user, perm: str = VIEW) -> QuerySet[Participant]:
    return Participant.objects.filter(visible_q(user, perm))


def _search_q(text: str) -> Q:
    text = text.strip()
    compact = text.replace(" ", "")
    if compact.isdigit():
        if len(compact) == 11:
            return Q(fodselsnummer=compact)
        # A birth date (ddmmyy) or the start of one: the number begins with it.
        return Q(fodselsnummer__startswith=compact)
    q = Q()
    for token in text.split():
        q &= Q(first_name__icontains=token) | Q(last_name__icontains=token)
    return q


def caseload_base(user, *, scope: str) -> QuerySet[Participant]:
    """The participants a caseload page lists before any filter: what its counts count."""
    qs = participants_visible_to(user)
    if scope == Scope.MINE:
        return qs.filter(veileder_id=user.pk)
    if scope == Scope.KONTOR:
        return qs.filter(nav_kontor_id=user.nav_kontor_id)
    raise ValueError(scope)  # pragma: no cover - views only pass the two scopes above


def status_q(user, scope: str, key: str) -> Q:
    status = status_by_key(scope, key)
    return status.q(user, timezone.localdate()) if status else Q(pk__in=[])


def caseload_filter_q(user, scope: str, filters: CaseloadFilter) -> Q:
    """The chosen filters as one Q: the list filters by it, saved filters count by it."""
    q = Q()
    if filters.search.strip():
        q &= _search_q(filters.search)
    if filters.innsatsgruppe:
        q &= Q(innsatsgruppe=filters.innsatsgruppe)
    if filters.sluttkompetanse_id:
        q &= Q(sluttkompetanse_id=filters.sluttkompetanse_id)
    if filters.nav_kontor_id:
        q &= Q(nav_kontor_id=filters.nav_kontor_id)
    if filters.phase:
        q &= Q(phase=filters.phase)
    if filters.overdue:
        q &= overdue_q(timezone.localdate())
    if filters.status:
        q &= status_q(user, scope, filters.status)
    return q


def caseload(user, *, scope: str = Scope.MINE, filters: CaseloadFilter | None = None):
    """Min portefølje (own participants) or, for a leder, the whole office."""
    filters = filters or CaseloadFilter()
    qs = caseload_base(user, scope=scope)
    qs = qs.filter(caseload_filter_q(user, scope, filters))
    _label, order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    # Columns from the apps that build on us (the consent status, for one), in the same query.
    qs = qs.annotate(**{name: column() for name, column in collect("CASELOAD_ANNOTATIONS")})
    return qs.select_related("nav_kontor", "veileder", "sluttkompetanse").order_by(*order)


def veiledere_in_office(nav_kontor_id: int | None) -> QuerySet[User]:
    """Active veiledere of one office: who a participant may be assigned to."""
    return User.objects.filter(
        nav_kontor_id=nav_kontor_id, is_active=True, groups__name=Role.VEILEDER
    ).order_by("name")


# Fields the change history shows; phase state has its own timeline, identity never changes.
HISTORY_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "postal_place",
    "nav_kontor",
    "veileder",
    "innsatsgruppe",
    "vgs_completed",
    "sluttkompetanse",
    "adressebeskyttelse",
    "skjermet",
)


def change_history(participant: Participant, *, limit: int = 20) -> list[dict]:
    """Who changed which field from what to what, newest first (three queries in all)."""
    records = list(
        participant.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    if not records:
        # Rows bulk-loaded (imports, demo data) have no history yet.
        return []
    pairs = list(zip(records, [*records[1:], None], strict=True))[:limit]
    diffs = []
    ids: dict[str, set] = {"veileder": set(), "nav_kontor": set(), "sluttkompetanse": set()}
    for newer, older in pairs:
        if older is None:
            diffs.append((newer, None))
            continue
        delta = newer.diff_against(older, included_fields=list(HISTORY_FIELDS))
        for change in delta.changes:
            if change.field in ids:
                ids[change.field].update(v for v in (change.old, change.new) if v)
        diffs.append((newer, delta.changes))
    names = {
        "veileder": dict(User.objects.filter(pk__in=ids["veileder"]).values_list("pk", "name")),
        "nav_kontor": dict(
            NavKontor.objects.filter(pk__in=ids["nav_kontor"]).values_list("pk", "name")
        ),
        "sluttkompetanse": dict(
            Laerefag.objects.filter(pk__in=ids["sluttkompetanse"]).values_list("pk", "name")
        ),
    }
    meta = Participant._meta

    def show(field: str, value) -> str:
        if value in (None, ""):
            return "–"
        if field in names:
            return names[field].get(value, str(value))
        model_field = meta.get_field(field)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "Ja" if value else "Nei"
        return str(value)

    rows = []
    for record, changes in diffs:
        who = record.history_user.name if record.history_user else "System"
        if changes is None:
            rows.append({"when": record.history_date, "who": who, "changes": [], "created": True})
        elif changes:
            rows.append(
                {
                    "when": record.history_date,
                    "who": who,
                    "created": False,
                    "changes": [
                        (
                            meta.get_field(c.field).verbose_name,
                            show(c.field, c.old),
                            show(c.field, c.new),
                        )
                        for c in changes
                    ],
                }
            )
    return rows


def retention_schedule(user) -> QuerySet[Participant]:
    """The leder's office: ended cases not yet anonymised, with when each becomes due
    (``due_at``), the first due first. Cases she may not see (protected) are not listed."""
    return (
        participants_visible_to(user)
        .filter(ended_q(), nav_kontor_id=user.nav_kontor_id)
        .annotate(due_at=due_at_expression())
        .select_related("veileder")
        .order_by("phase_entered_at", "id")
    )
