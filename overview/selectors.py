"""What the overview page, its lists and its exports read: built on figures and durations."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Case, F, QuerySet, When
from django.utils.crypto import salted_hmac

from participants.access import allowed
from participants.followup import is_overdue
from participants.models import Participant, Phase

from .aggregate import figure_counts, outside, serves
from .durations import days_in_phase, days_to_decision
from .figures import (
    FIGURES,
    FOLLOWUP_KINDS,
    figure_participants,
    followup_q,
    followups_by_veileder,
    phase_counts,
    week_end,
)
from .filters import OverviewFilter

FOLLOWUP_LABELS = {
    "portefolje": "Aktive deltakere",
    "forfalt": "Oppfølging forfalt",
    "uke": "Oppfølging denne uken",
}


def overview(user, f: OverviewFilter, *, today: datetime.date) -> dict:
    scope = f.scope(user, today=today)
    counts = figure_counts(user, f, scope)
    phases = phase_counts(scope)
    # The county's scope is everyone but a few: the durations read those few, not all.
    left_out = outside(user) if serves(f, user) else None
    durations = days_in_phase(scope, f.period, outside=left_out)
    return {
        "phases": [
            {"phase": phase, "label": Phase(phase).label, "n": n} for phase, n in phases.items()
        ],
        "total": sum(phases.values()),
        "flow": _figures(counts, "flow"),
        "ended": _figures(counts, "ended"),
        "durations": [
            {
                "phase": phase,
                "label": Phase(phase).label,
                "spread": durations.get(phase),
                "figure": f"left_{phase}",
                "n": counts[f"left_{phase}"],
            }
            for phase in Phase.values
        ],
        "followups": followups_by_veileder(scope, today),
        "week_end": week_end(today),
        "matches": _figures(counts, "matches"),
        "decision": days_to_decision(scope, f.period, outside=left_out),
        "guidance": _figures(counts, "guidance"),
    }


def _figures(counts: dict[str, int], section: str) -> list[dict]:
    return [
        {"key": key, "label": fig.label, "n": counts[key]}
        for key, fig in FIGURES.items()
        if fig.section == section
    ]


@dataclass(frozen=True)
class Drilldown:
    title: str
    participants: QuerySet[Participant]


def drilldown(
    user, f: OverviewFilter, *, today: datetime.date, tall: str, verdi: str = "", hvem: str = ""
) -> Drilldown:
    """The participants behind one figure; KeyError when the figure does not exist."""
    scope = f.scope(user, today=today)
    if not tall:
        return Drilldown("Alle deltakere i utvalget", scope)
    if tall == "fase":
        return Drilldown(f"I fasen {Phase(verdi).label.lower()} nå", scope.filter(phase=verdi))
    if tall == "oppfolging":
        if verdi not in FOLLOWUP_KINDS:
            raise KeyError(verdi)
        qs = scope.filter(followup_q(verdi, today))
        title = FOLLOWUP_LABELS[verdi]
        if hvem == "ingen":
            qs, title = qs.filter(veileder__isnull=True), f"{title}, uten veileder"
        elif hvem:
            if not hvem.isdigit():
                raise KeyError(hvem)
            qs = qs.filter(veileder_id=int(hvem))
        return Drilldown(title, qs)
    figure = FIGURES[tall]
    return Drilldown(figure.label, figure_participants(scope, f.period, tall))


def with_identity(user, participants: QuerySet[Participant]) -> QuerySet[Participant]:
    return (
        participants.annotate(identified=allowed(user))  # may see her by name
        .select_related("nav_kontor", "veileder", "sluttkompetanse")
        # Pseudonymised rows after the named ones, in uuid order: an order by name would
        # tell a pseudonym's alphabetical place (the export sorts them by pseudonym).
        .order_by(
            F("identified").desc(),
            Case(When(identified=True, then=F("last_name"))),
            Case(When(identified=True, then=F("first_name"))),
            "uuid",
        )
    )


def pseudonymised_last(rows: Iterable[dict]) -> Iterator[dict]:
    """Named rows as they come, then the pseudonymised ones ordered by pseudonym."""
    hidden = []
    for r in rows:
        if r["uuid"] is not None:
            yield r
        else:
            hidden.append(r)
    yield from sorted(hidden, key=lambda r: r["pseudonym"])


def pseudonym(participant: Participant) -> str:
    """Stable per person and installation, so exported rows can be joined; not reversible."""
    return (
        "D-"
        + salted_hmac("overview.pseudonym", str(participant.uuid), algorithm="sha256").hexdigest()[
            :10
        ]
    )


ROW_COLUMNS = [
    ("pseudonym", "Pseudonym"),
    ("name", "Navn"),
    ("age", "Alder"),
    ("phase", "Fase"),
    ("days_in_phase", "Dager i fasen"),
    ("next_followup_due", "Neste oppfølging"),
    ("overdue", "Forfalt"),
    ("innsatsgruppe", "Innsatsgruppe"),
    ("laerefag", "Lærefag"),
    ("kontor", "NAV-kontor"),
    ("veileder", "Veileder"),
]


def row(p: Participant, today: datetime.date) -> dict:
    """One participant as a list or export row; name and veileder only when identified."""
    due = p.next_followup_due
    return {
        "uuid": p.uuid if p.identified else None,
        "pseudonym": pseudonym(p),
        "name": p.full_name if p.identified else "",
        "age": p.age,
        "phase": p.get_phase_display(),
        "days_in_phase": p.days_in_phase,
        "next_followup_due": due,
        "overdue": "ja" if p.phase != Phase.AVSLUTTET and is_overdue(due, today=today) else "nei",
        "innsatsgruppe": p.get_innsatsgruppe_display(),
        "laerefag": p.sluttkompetanse.name if p.sluttkompetanse_id else "",
        "kontor": p.nav_kontor.name,
        "veileder": (p.veileder.name if p.veileder_id else "") if p.identified else "",
    }


def figure_rows(data: dict) -> list[tuple[str, str, object]]:
    """The page's figures as (section, figure, value) rows for the figures export."""
    rows: list[tuple[str, str, object]] = []
    rows += [("Deltakere i fasen nå", p["label"], p["n"]) for p in data["phases"]]
    rows += [("Flyt i perioden", x["label"], x["n"]) for x in data["flow"]]
    rows += [("Avsluttet etter årsak", x["label"], x["n"]) for x in data["ended"]]
    for d in data["durations"]:
        spread = d["spread"]
        rows.append(("Dager i fasen", f"{d['label']}: antall opphold", spread.n if spread else 0))
        rows.append(("Dager i fasen", f"{d['label']}: median", _round(spread and spread.median)))
        rows.append(("Dager i fasen", f"{d['label']}: 90-persentil", _round(spread and spread.p90)))
    for v in data["followups"]:
        who = v["veileder__name"] or "Uten veileder"
        for kind in FOLLOWUP_KINDS:
            rows.append(("Oppfølging per veileder", f"{who}: {FOLLOWUP_LABELS[kind]}", v[kind]))
    rows += [("Matcher", x["label"], x["n"]) for x in data["matches"]]
    decision = data["decision"]
    rows.append(("Matcher", "Dager til vurdering: median", _round(decision and decision.median)))
    rows.append(("Matcher", "Dager til vurdering: 90-persentil", _round(decision and decision.p90)))
    rows += [("Samtykke og karriereveiledning", x["label"], x["n"]) for x in data["guidance"]]
    return rows


def _round(value):
    return "" if value is None else round(value, 1)
