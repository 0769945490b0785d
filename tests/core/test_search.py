"""core.search: terms behind a short-lived token, for this page only."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import QueryDict
from django.test import RequestFactory

from core import search

pytestmark = pytest.mark.django_db


def request(path="/portefolje/", method="get", data=None):
    req = getattr(RequestFactory(), method)(path, data or {})
    req.session = SessionStore()
    return req


def test_a_token_recalls_the_terms_on_its_own_page_only():
    req = request()
    token = search.stash(req, QueryDict("q=13029740180&fase=praksis&csrfmiddlewaretoken=x"))
    assert "13029740180" not in token
    recalled = search.recall(req, token)
    assert recalled["q"] == "13029740180" and recalled["fase"] == "praksis"
    assert "csrfmiddlewaretoken" not in recalled
    req.path = "/sporingslogg/"
    assert search.recall(req, token) is None


def test_a_token_expires_and_only_the_newest_are_kept(monkeypatch):
    req = request()
    clock = [1_000_000.0]
    monkeypatch.setattr(search.time, "time", lambda: clock[0])
    first = search.stash(req, QueryDict("q=a"))
    for i in range(search.MAX_KEPT):
        clock[0] += 1
        search.stash(req, QueryDict(f"q={i}"))
    assert search.recall(req, first) is None  # pushed out by newer searches
    last = search.stash(req, QueryDict("q=siste"))
    clock[0] += search.TTL_SECONDS + 1
    assert search.recall(req, last) is None


def test_sensitive_terms_in_a_query_string_are_ignored_and_the_rest_kept():
    found = search.search_terms(
        request(data={"q": "13029740180", "fase": "praksis", "side": "2", "per_side": "25"}),
        sensitive=("q",),
    )
    assert found.data.dict() == {"fase": "praksis"}
    assert "13029740180" not in found.query and "per_side=25" in found.query
