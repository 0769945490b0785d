"""Every URL of the app, as a user allowed on it, with random query strings and random
form posts: a 4xx or a page with a message, never a 500 (the URL list is the access
matrix's, so a new view is fuzzed as soon as it exists)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matrix import OK, PERSONAS
from tests.test_access_matrix import EXPECTED, _url, app_url_names

pytestmark = pytest.mark.django_db

# Logging out would end the session the rest of the run needs.
SKIP = {"logout"}
junk = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["-1", "0", "99999999999", "2026-13-45", "null", "' OR 1=1 --", "%00"]),
)


def _form_fields(response) -> list[str]:
    context = getattr(response, "context", None)
    if not context:
        return []
    names = []
    for key in ("form", "note_form", "status_form"):
        form = context.get(key)
        if form is not None and hasattr(form, "fields"):
            names += [form.add_prefix(name) for name in form.fields]
    return names


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_url_answers_500_to_junk(client, personas, participant, data):
    client.raise_request_exception = False
    failures = []
    for name, params in app_url_names():
        if name in SKIP:
            continue
        allowed = [p for p in PERSONAS if EXPECTED[name][p] == OK and p != "anonymous"]
        if not allowed:
            continue
        client.force_login(personas[allowed[0]])
        url = _url(name, params, participant, personas)
        probe = client.get(url)
        fields = _form_fields(probe) or ["q", "side", "per_side", "fra", "til", "tall", "verdi"]
        values = {f: data.draw(junk, label=f"{name}:{f}") for f in fields}
        for method in (client.get, client.post):
            response = method(url, values)
            if response.status_code >= 500:
                failures.append(f"{method.__name__.upper()} {name} {values!r}")
    assert not failures, "\n".join(failures)
