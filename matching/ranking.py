"""Which companies fit a participant, ranked in SQL with the reasons for each rank.

Score: a need for her lærefag (100) beats the same municipality (20), which beats a
neighbouring one (10); open capacity adds 5. Only the top rows reach Python.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from companies.models import Company, CompanyNeed
from participants.models import Participant

from .models import Match
from .services import FILLING, OPEN

SCORE_FAG, SCORE_SAME, SCORE_NEAR, SCORE_CAPACITY = 100, 20, 10, 5

# Neighbouring municipalities in Trøndelag (by road, incl. short ferries); a small table
# is enough to rank "nearby" until the register holds coordinates.
_NEIGHBOUR_PAIRS = [
    ("Trondheim", "Malvik"),
    ("Trondheim", "Melhus"),
    ("Trondheim", "Skaun"),
    ("Trondheim", "Stjørdal"),
    ("Trondheim", "Indre Fosen"),
    ("Malvik", "Stjørdal"),
    ("Malvik", "Selbu"),
    ("Melhus", "Skaun"),
    ("Melhus", "Midtre Gauldal"),
    ("Melhus", "Orkland"),
    ("Melhus", "Selbu"),
    ("Skaun", "Orkland"),
    ("Orkland", "Heim"),
    ("Orkland", "Rindal"),
    ("Orkland", "Rennebu"),
    ("Orkland", "Hitra"),
    ("Hitra", "Frøya"),
    ("Rennebu", "Oppdal"),
    ("Rennebu", "Midtre Gauldal"),
    ("Midtre Gauldal", "Holtålen"),
    ("Holtålen", "Røros"),
    ("Selbu", "Tydal"),
    ("Stjørdal", "Meråker"),
    ("Stjørdal", "Frosta"),
    ("Stjørdal", "Levanger"),
    ("Frosta", "Levanger"),
    ("Levanger", "Verdal"),
    ("Levanger", "Inderøy"),
    ("Verdal", "Inderøy"),
    ("Verdal", "Steinkjer"),
    ("Inderøy", "Steinkjer"),
    ("Steinkjer", "Snåsa"),
    ("Steinkjer", "Namsos"),
    ("Steinkjer", "Indre Fosen"),
    ("Namsos", "Overhalla"),
    ("Namsos", "Flatanger"),
    ("Namsos", "Nærøysund"),
    ("Overhalla", "Grong"),
    ("Grong", "Høylandet"),
    ("Grong", "Lierne"),
    ("Ørland", "Indre Fosen"),
    ("Åfjord", "Indre Fosen"),
    ("Åfjord", "Osen"),
]
NEIGHBOURS: dict[str, set[str]] = {}
for _a, _b in _NEIGHBOUR_PAIRS:
    NEIGHBOURS.setdefault(_a.lower(), set()).add(_b.lower())
    NEIGHBOURS.setdefault(_b.lower(), set()).add(_a.lower())


@dataclass(frozen=True)
class Suggestion:
    company: Company
    score: int
    reasons: list[str]


def home_municipalities(participant: Participant) -> set[str]:
    places = {participant.postal_place, participant.nav_kontor.municipality}
    return {p.strip().lower() for p in places if p and p.strip()}


def ranked_companies(participant: Participant):
    """All companies annotated with their fit for ``participant``, best first."""
    laerefag_id = participant.sluttkompetanse_id
    home = home_municipalities(participant)
    near = set().union(*(NEIGHBOURS.get(m, set()) for m in home)) - home
    needed = (
        CompanyNeed.objects.filter(company=OuterRef("pk"), laerefag_id=laerefag_id)
        .values("company")
        .annotate(total=Sum("count"))
        .values("total")
    )
    # Places already taken in that lærefag: approved, meeting agreed or started.
    taken = (
        Match.objects.filter(
            company=OuterRef("pk"),
            status__in=FILLING,
            participant__sluttkompetanse_id=laerefag_id,
        )
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    already = Match.objects.filter(
        company=OuterRef("pk"), participant_id=participant.pk, status__in=OPEN
    )
    qs = (
        Company.objects.exclude(Exists(already))
        .annotate(
            need_total=Coalesce(Subquery(needed, output_field=IntegerField()), 0),
            taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0),
            municipality_lower=Lower("municipality"),
        )
        .annotate(
            open_capacity=F("need_total") - F("taken"),
            fag_score=Case(When(need_total__gt=0, then=Value(SCORE_FAG)), default=Value(0)),
            place_score=Case(
                # An empty set must match nothing, not the companies without a municipality.
                When(Q(municipality_lower__in=home) & ~Q(municipality=""), then=Value(SCORE_SAME)),
                When(Q(municipality_lower__in=near) & ~Q(municipality=""), then=Value(SCORE_NEAR)),
                default=Value(0),
            ),
        )
        .annotate(
            capacity_score=Case(
                When(Q(need_total__gt=0) & Q(open_capacity__gt=0), then=Value(SCORE_CAPACITY)),
                default=Value(0),
            )
        )
        .annotate(score=F("fag_score") + F("place_score") + F("capacity_score"))
    )
    return qs.filter(score__gt=0).order_by("-score", "-open_capacity", "name", "id")


def _places(n: int, one: str = "", many: str = "") -> str:
    adjective = (one if n == 1 else many) + " " if one else ""
    return f"{n} {adjective}plass" if n == 1 else f"{n} {adjective}plasser"


def suggest_companies(participant: Participant, *, limit: int = 10) -> list[Suggestion]:
    fag = participant.sluttkompetanse.name if participant.sluttkompetanse_id else ""
    suggestions = []
    for company in ranked_companies(participant)[:limit]:
        reasons = []
        if company.fag_score:
            reasons.append(f"Trenger {fag} ({_places(company.need_total)})")
        if company.place_score == SCORE_SAME:
            reasons.append(f"I samme kommune ({company.municipality})")
        elif company.place_score == SCORE_NEAR:
            reasons.append(f"I nabokommune ({company.municipality})")
        if company.capacity_score:
            reasons.append(_places(company.open_capacity, "ledig", "ledige"))
        elif company.fag_score:
            reasons.append("Ingen ledige plasser nå")
        suggestions.append(Suggestion(company, company.score, reasons))
    return suggestions
