"""Every form and every GET filter, found from the URL configuration, given values at and
beyond its bounds: never a 500, a message on the field, and nothing saved.

The walk: each URL of the access matrix, as a user allowed on it, is fetched (the forms
bound to the query string are its GET filters) and posted empty (the forms bound to the
body are its POST forms). Each field of each form found then gets the bad values of its
type. A new view or form joins by itself; a form class no URL binds, or a URL that takes a
POST without binding a form, fails ``test_every_form_and_post_view_is_covered``.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils.html import escape

from core import bounds
from core.search import TOKEN_PARAM
from tests.matrix import OK, PERSONAS
from tests.test_access_matrix import EXPECTED, _url, app_url_names

pytestmark = pytest.mark.django_db

# Logging out would end the session the walk needs.
SKIP = {"logout"}
# URLs that take a POST without a form, and why that is safe.
POST_WITHOUT_FORM = {
    "phases:checklist_toggle": "reads one flag, done == '1'",
    "notifications:read": "no input",
    "notifications:read_all": "no input",
    "events:detail": "its forms are bound by action; see ACTIONS",
}
# Form classes bound only outside the walk (admin), with why.
NOT_WALKED = {
    "accounts.admin.UserCreationForm": "admin, covered by Django's own validation",
    "accounts.admin.UserEditForm": "admin, covered by Django's own validation",
}
# Views that pick their form by a submit button's name, or that need more than a probe.
ACTIONS = {
    "events:detail": [{"action": a} for a in ("add_company", "invite", "outcome")],
    "jobbloop:detail": [{"action": a} for a in ("add", "mentor", "leave", "close")],
    "careerguidance:appointment": [{"note": "1"}, {"status": "1"}],
    "phases:activity_detail": [{"status": "1"}],
    "companies:create": [{"behov-TOTAL_FORMS": "1", "behov-INITIAL_FORMS": "0"}],
    "companies:edit": [{"behov-TOTAL_FORMS": "1", "behov-INITIAL_FORMS": "0"}],
}
# Rows a request may write whatever its input: the audit trail, sessions, login attempts.
UNCOUNTED_APPS = {"audit", "sessions", "axes", "admin", "contenttypes"}

TODAY = datetime.date.today()
PROBE = {"_probe": "1"}
BAD_DATES = ["0001-01-01", "9999-12-31", f"{TODAY.year}-02-31", "10000-01-01"]
BAD_NUMBERS = ["-1", str(10**18)]
BAD_TEXT = ["x" * 100_000, "Navn\x00med\x07kontroll", "Navn\u202egpj.exe"]
BAD_CHOICES = ["x" * 1000, str(10**18), "-1"]


def bad_values(form_field):
    if isinstance(form_field, forms.FileField):
        return [
            SimpleUploadedFile("skjema.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf"),
            SimpleUploadedFile("skjema.pdf", b"ikke en pdf", "application/pdf"),
        ]
    if isinstance(form_field, forms.DateTimeField):
        return [f"{d}T12:00" for d in BAD_DATES]
    if isinstance(form_field, forms.DateField):
        return BAD_DATES
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return BAD_NUMBERS
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField):
        return BAD_CHOICES
    if isinstance(form_field, forms.CharField):
        return BAD_TEXT
    return []


def plausible(form_field):
    """A value that type-checks, so a bad field is the only thing wrong with the post."""
    if isinstance(form_field, forms.BooleanField):
        return "on"
    if isinstance(form_field, forms.ModelChoiceField | forms.ChoiceField):
        for value, _label in form_field.choices:
            value = getattr(value, "value", value)
            if value not in ("", None):
                return [str(value)] if isinstance(form_field, forms.MultipleChoiceField) else value
        return ""
    if isinstance(form_field, forms.DateTimeField):
        return f"{TODAY}T12:00"
    if isinstance(form_field, forms.DateField):
        return TODAY.isoformat()
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return str(max(1, form_field.min_value or 0))
    if isinstance(form_field, forms.EmailField):
        return "test@example.no"
    if isinstance(form_field, forms.FileField):
        return None
    return "Test"


@dataclass
class Recorder:
    forms: list = field(default_factory=list)

    def take(self) -> list:
        taken, self.forms = self.forms, []
        return taken


@pytest.fixture
def recorder(monkeypatch):
    rec = Recorder()
    original = forms.BaseForm.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        rec.forms.append(self)

    monkeypatch.setattr(forms.BaseForm, "__init__", init)
    return rec


def _class_name(form) -> str:
    """The project's form class behind ``form`` (formset factories subclass it in Django)."""
    for cls in type(form).__mro__:
        if not cls.__module__.startswith(("django.", "builtins")):
            return f"{cls.__module__}.{cls.__qualname__}"
    return f"{type(form).__module__}.{type(form).__qualname__}"


def _row_counts() -> tuple:
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models()
            if m._meta.managed and not m._meta.proxy and m._meta.app_label not in UNCOUNTED_APPS
        }
    )
    sql = "SELECT " + ", ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


@dataclass
class Target:
    url_name: str
    url: str
    persona: str
    method: str  # "get" or "post"
    form: forms.BaseForm
    extra: dict = field(default_factory=dict)


def _walk(client, personas, participant, recorder):
    """Every (URL, form) pair: GET filters and POST forms, as found by requesting them."""
    client.raise_request_exception = False
    targets, posts_without_form = [], []
    for name, params in app_url_names():
        if name in SKIP:
            continue
        allowed = [p for p in PERSONAS if EXPECTED[name][p] == OK and p != "anonymous"]
        persona = "anonymous" if EXPECTED[name]["anonymous"] == OK else next(iter(allowed), None)
        if persona is None:
            continue
        client.logout()
        if persona != "anonymous":
            client.force_login(personas[persona])
        url = _url(name, params, participant, personas)
        recorder.take()
        # Views bind ``request.GET or None``: an empty query leaves the form unbound.
        page = client.get(url, PROBE)
        for form in recorder.take():
            if form.is_bound:
                targets.append(Target(name, url, persona, "get", form))
        bound = []
        for extra in [{}, *ACTIONS.get(name, [])]:
            _post(client, url, {**PROBE, **extra})
            found = [f for f in recorder.take() if f.is_bound]
            bound += found
            targets += [Target(name, url, persona, "post", f, extra) for f in found]
        if not bound and _posts_to_itself(page, url):
            posts_without_form.append(name)
    return targets, posts_without_form


def _post(client, url, data):
    """POST, and follow a search's redirect to its own page behind a token (core.search):
    the terms are bound there, on the GET that recalls them."""
    response = client.post(url, data)
    location = response.get("Location", "") if response.status_code == 302 else ""
    if location.startswith(f"{url}?") and f"{TOKEN_PARAM}=" in location:
        return client.get(location)
    return response


_FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
_ACTION = re.compile(r"""\baction=["']([^"']*)["']""", re.IGNORECASE)


def _posts_to_itself(response, url) -> bool:
    """Whether the page holds a POST form whose action is the page itself."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    for tag in _FORM_TAG.findall(response.content.decode(errors="replace")):
        if 'method="post"' not in tag.lower():
            continue
        action = _ACTION.search(tag)
        if action is None or action.group(1) in ("", url):
            return True
    return False


def _project_form_classes():
    base = str(settings.BASE_DIR)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            module = __import__(sub.__module__, fromlist=["x"])
            path = getattr(module, "__file__", "") or ""
            if path.startswith(base) and "/tests/" not in path and "/.venv/" not in path:
                found.add(f"{sub.__module__}.{sub.__qualname__}")
    return found


def test_every_form_and_post_view_is_covered(client, personas, participant, recorder):
    targets, posts_without_form = _walk(client, personas, participant, recorder)
    walked = {_class_name(t.form) for t in targets}
    missing = _project_form_classes() - walked - set(NOT_WALKED)
    assert not missing, f"forms no URL binds (add a scenario or a NOT_WALKED reason): {missing}"
    unexplained = set(posts_without_form) - set(POST_WITHOUT_FORM)
    assert not unexplained, f"POST views without a form: {unexplained}"


def _edge_failures(label, form_field) -> list[str]:
    """The field itself, at its bounds (accepted) and one step beyond (refused)."""
    from django.core.exceptions import ValidationError

    def refused(value) -> bool:
        try:
            form_field.run_validators(value)
        except ValidationError:
            return True
        return False

    if isinstance(form_field, forms.DateTimeField | forms.FileField):
        return []
    one_day = datetime.timedelta(days=1)
    if isinstance(form_field, forms.DateField):
        low = high = None
        for v in form_field.validators:
            if getattr(v, "__self__", None) is not None and isinstance(
                v.__self__, bounds.DateWindow
            ):
                low, high = v.__self__.lower(), v.__self__.upper()
        if low is None:
            return [f"{label}: no date window"]
        at, beyond = [low, high], [low - one_day, high + one_day]
    elif isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        if form_field.min_value is None or form_field.max_value is None:
            return [f"{label}: no number window"]
        at = [form_field.min_value, form_field.max_value]
        beyond = [form_field.min_value - 1, form_field.max_value + 1]
    elif isinstance(form_field, forms.CharField) and not isinstance(form_field, forms.UUIDField):
        if not form_field.max_length:
            return [f"{label}: no length limit"]
        at, beyond = ["a" * form_field.max_length], ["a" * (form_field.max_length + 1)]
        if isinstance(form_field, forms.EmailField):
            # "a…a" is no address; the length check is what is tested here.
            at, beyond = [], ["a@" + "b" * form_field.max_length + ".no"]
    else:
        return []
    failures = [f"{label}: refuses {str(v)[:20]!r} at its bound" for v in at if refused(v)]
    failures += [f"{label}: accepts {str(v)[:20]!r} beyond" for v in beyond if not refused(v)]
    return failures


def test_every_field_accepts_its_bounds_and_refuses_one_step_beyond(
    client, personas, participant, recorder
):
    targets, _ = _walk(client, personas, participant, recorder)
    failures = []
    for target in targets:
        if _class_name(target.form).startswith("django."):
            continue
        for name, form_field in target.form.fields.items():
            failures += _edge_failures(f"{_class_name(target.form)}.{name}", form_field)
    assert not failures, "\n".join(sorted(set(failures)))


def _field_error(form, key) -> list[str]:
    name = key[len(form.prefix) + 1 :] if form.prefix else key
    return [str(m) for m in form.errors.get(name, [])] + [
        str(m) for m in form.errors.get("__all__", [])
    ]


def test_values_beyond_bounds_are_refused_with_a_message_and_nothing_saved(
    client, personas, participant, recorder
):
    targets, _ = _walk(client, personas, participant, recorder)
    failures = []
    seen = set()
    for target in targets:
        key = (target.url_name, _class_name(target.form), target.method, tuple(target.extra))
        if key in seen or _class_name(target.form).startswith("django."):
            continue
        seen.add(key)
        client.logout()
        if target.persona != "anonymous":
            client.force_login(personas[target.persona])
        form = target.form
        base = dict(target.extra)
        for name, form_field in form.fields.items():
            value = plausible(form_field)
            if value is not None:
                base[form.add_prefix(name)] = value
        for name, form_field in form.fields.items():
            for bad in bad_values(form_field):
                data = {**base, form.add_prefix(name): bad}
                if hasattr(bad, "seek"):
                    bad.seek(0)
                before = _row_counts()
                recorder.take()
                if target.method == "get":
                    data = {k: v for k, v in data.items() if not hasattr(v, "read")}
                    response = client.get(target.url, data)
                else:
                    response = _post(client, target.url, data)
                label = f"{target.method.upper()} {target.url_name} {name}={str(bad)[:30]!r}"
                if response.status_code >= 500:
                    failures.append(f"{label}: {response.status_code}")
                    continue
                if target.method == "post" and _row_counts() != before:
                    failures.append(f"{label}: saved something")
                same = [f for f in recorder.take() if type(f) is type(form) and f.is_bound]
                if not same:
                    if response.status_code >= 400:
                        continue  # refused before the form, e.g. a request too big
                    failures.append(f"{label}: the form was not bound")
                    continue
                if target.method == "get" and form.add_prefix(name) not in same[-1].data:
                    continue  # the view drops it from a URL (a search term: POST only)
                validated = same[-1]._errors is not None
                errors = _field_error(same[-1], form.add_prefix(name))
                if not errors:
                    failures.append(f"{label}: accepted")
                elif response.status_code in (200, 400) and validated:
                    content = _content(response)
                    if not any(escape(e) in content or e in content for e in errors):
                        failures.append(f"{label}: no message on the page ({errors[0][:80]})")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def _content(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_bounds_accept_the_window_edges_and_refuse_beyond():
    for window in bounds.WINDOWS.values():
        window.check(window.lower())
        window.check(window.upper())
        for beyond in (
            window.lower() - datetime.timedelta(days=1),
            window.upper() + datetime.timedelta(days=1),
        ):
            with pytest.raises(Exception) as info:
                window.check(beyond)
            assert "Datoen må være mellom" in str(info.value)
