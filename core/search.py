"""Search forms whose terms may hold a fødselsnummer: the terms never travel in a URL.

A search is POSTed; its terms are kept in the session under a short-lived opaque token, and
the page's address (the redirect, the browser history, the pagination links, htmx's pushed
URL) carries only ``?s=<token>``. So a fødselsnummer reaches no access log, no Referer and
no history entry. Terms that cannot identify anyone may still come as GET parameters (a
bookmarked "?fase=praksis"); the sensitive ones are ignored there.

A view::

    search = search_terms(request, sensitive=("q",))
    if search.redirect:
        return search.redirect
    form = MyForm(search.data, ...)
    ...
    return search.finish(render(...))
"""

import secrets
import time
from dataclasses import dataclass, field

from django.http import HttpResponse, HttpResponseRedirect, QueryDict

TOKEN_PARAM = "s"
TTL_SECONDS = 30 * 60
MAX_KEPT = 20
SESSION_KEY = "_searches"
# Never kept with the terms: the form's CSRF token and where the page list stood.
_NOT_TERMS = ("csrfmiddlewaretoken", "side", TOKEN_PARAM)
_PAGING = ("side", "per_side")


@dataclass
class Search:
    data: QueryDict | None  # the terms to bind the form with; None leaves it unbound
    token: str = ""
    expired: bool = False  # a token that is unknown or too old: the search must be redone
    redirect: HttpResponse | None = None
    push_url: str = ""
    query: str = field(default="")  # for pagination links: never the terms themselves

    def finish(self, response: HttpResponse) -> HttpResponse:
        """An htmx search updates the address bar with the token, never with the terms."""
        if self.push_url:
            response["HX-Push-Url"] = self.push_url
        return response


def _kept(request) -> dict:
    now = time.time()
    kept = request.session.get(SESSION_KEY) or {}
    return {t: v for t, v in kept.items() if now - v["t"] < TTL_SECONDS}


def stash(request, terms: QueryDict) -> str:
    """Keep ``terms`` for this page under a new token; the oldest beyond MAX_KEPT go."""
    token = secrets.token_urlsafe(9)
    kept = _kept(request)
    kept[token] = {
        "p": request.path,
        "t": time.time(),
        "d": [(k, v) for k in terms for v in terms.getlist(k) if k not in _NOT_TERMS],
    }
    newest = sorted(kept.items(), key=lambda item: item[1]["t"])[-MAX_KEPT:]
    request.session[SESSION_KEY] = dict(newest)
    return token


def recall(request, token: str) -> QueryDict | None:
    entry = _kept(request).get(token)
    if entry is None or entry["p"] != request.path:
        return None
    data = QueryDict(mutable=True)
    for key, value in entry["d"]:
        data.appendlist(key, value)
    return data


def _paging_query(request, token: str) -> str:
    query = QueryDict(mutable=True)
    query[TOKEN_PARAM] = token
    if "per_side" in request.GET:
        query["per_side"] = request.GET["per_side"]
    return query.urlencode()


def search_terms(request, *, sensitive: tuple[str, ...]) -> Search:
    """The terms of this request's search, from a POST, a token or harmless GET parameters."""
    if request.method == "POST":
        token = stash(request, request.POST)
        url = f"{request.path}?{TOKEN_PARAM}={token}"
        if not getattr(request, "htmx", False):
            return Search(data=None, token=token, redirect=HttpResponseRedirect(url))
        return Search(
            data=recall(request, token),
            token=token,
            push_url=url,
            query=_paging_query(request, token),
        )
    token = request.GET.get(TOKEN_PARAM, "")
    if token:
        data = recall(request, token)
        if data is None:
            return Search(data=None, expired=True)
        return Search(data=data, token=token, query=_paging_query(request, token))
    data = request.GET.copy()
    for key in (*sensitive, *_NOT_TERMS):
        data.pop(key, None)
    query = data.urlencode()
    for key in _PAGING:
        data.pop(key, None)
    return Search(data=data or None, query=query)
