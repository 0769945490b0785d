"""Shared vocabulary for the access matrix (tests/test_access_matrix.py).

Each app that adds URLs puts a ``tests/<app>/matrix.py`` beside its tests with
``ROWS = {"<namespace>:<name>": row(...)}`` and, when its URLs take parameters other than a
participant's ``uuid``, ``def url_kwargs(name, params, *, participant, personas) -> dict``
that creates the objects it needs (visible to the personas as its rows say).
"""

OK, LOGIN, NOT_FOUND, NOT_ALLOWED = "ok", "login", 404, 405
PERSONAS = [
    "anonymous",
    "veileder",
    "colleague",
    "other_veileder",
    "leder",
    "other_leder",
    "markedsradgiver",
    "karriereveileder",
    "fagopplaering",
    "outsider",
    "admin",
]


def row(default, **overrides):
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {p: overrides.get(p, default) for p in PERSONAS}


# A page about one participant: her veileder and the office's leder; 404 for the rest.
PARTICIPANT_PAGE = row(NOT_FOUND, anonymous=LOGIN, veileder=OK, leder=OK)
