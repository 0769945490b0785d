from matching.models import MatchStatus
from tests.factories import MatchFactory
from tests.matrix import LOGIN, NOT_FOUND, OK, PARTICIPANT_PAGE, row

ROWS = {
    "matching:propose": PARTICIPANT_PAGE,
    # The veileder-side page of a match follows access to the participant.
    "matching:detail": PARTICIPANT_PAGE,
    # Her matches, fetched when the section on her page opens: the page's rights.
    "matching:participant_section": PARTICIPANT_PAGE,
    # The markedsrådgiver reaches the participant only through the review pages.
    "matching:queue": row(NOT_FOUND, anonymous=LOGIN, markedsradgiver=OK),
    "matching:review": row(NOT_FOUND, anonymous=LOGIN, markedsradgiver=OK),
}


def url_kwargs(name, params, *, participant, personas):
    if "match" in params:
        match = MatchFactory(participant=participant, status=MatchStatus.TIL_VURDERING)
        return {"match": match.uuid}
    return {}
