"""The review of a match as a state table (core.states).

One edge per allowed (from, to), with the side that may take it and what it needs.
Veileder-side steps belong to whoever may change the participant; decisions belong to
markedsrådgivere alone.
"""

from core.states import Edge, Guard, StateTable

from .models import MatchStatus

S = MatchStatus
VEILEDER, MARKEDSRADGIVER = "veileder", "markedsradgiver"


def _needs_comment(message: str) -> Guard:
    def guard(match, *, comment: str = "", **_) -> str:
        return "" if comment.strip() else message

    return guard


def _needs_start_date(match, *, start_date=None, **_) -> str:
    return "" if start_date is not None else "Oppgi startdato."


MATCHES = StateTable(
    "matches",
    MatchStatus,
    [
        Edge(S.FORESLATT, S.TIL_VURDERING, VEILEDER),
        Edge(S.TIL_VURDERING, S.GODKJENT, MARKEDSRADGIVER),
        Edge(
            S.TIL_VURDERING,
            S.AVSLATT,
            MARKEDSRADGIVER,
            _needs_comment("Skriv hvorfor matchen avslås."),
        ),
        Edge(
            S.TIL_VURDERING,
            S.MER_INFO,
            MARKEDSRADGIVER,
            _needs_comment("Skriv hva du trenger mer informasjon om."),
        ),
        Edge(
            S.MER_INFO,
            S.TIL_VURDERING,
            VEILEDER,
            _needs_comment("Svar på spørsmålet fra markedsrådgiveren."),
        ),
        Edge(S.GODKJENT, S.MOTE_AVTALT, VEILEDER),
        Edge(S.MOTE_AVTALT, S.STARTET, VEILEDER, _needs_start_date),
        Edge(S.MOTE_AVTALT, S.IKKE_STARTET, VEILEDER),
        Edge(S.STARTET, S.AVSLUTTET, VEILEDER),
    ],
)
DECISIONS = (S.GODKJENT, S.AVSLATT, S.MER_INFO)
