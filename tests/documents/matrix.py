from tests.matrix import PARTICIPANT_PAGE

ROWS = {
    "documents:innsyn_pdf": PARTICIPANT_PAGE,
    "documents:innsyn_json": PARTICIPANT_PAGE,
}
