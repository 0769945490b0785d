"""Django admin's changelist search without the search terms in a URL (see core.search).

Admin's search box is a GET form, so a fødselsnummer typed into it lands in the address,
the access log, the browser history and every link of the page. With this mixin the box
POSTs; the terms are kept in the session and the changelist is redirected to ``?_s=<token>``.
Links the page builds (pagination, sorting, filters, "back to the list" after a change)
carry the token instead of ``q``. A ``q`` that holds an eleven-digit run and still arrives
by GET (an old bookmark) is moved behind a token the same way.

Only the search is touched here, so the mixin combines with any other admin behaviour::

    class ParticipantAdmin(TokenSearchAdminMixin, GuardedModelAdmin): ...
"""

from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.http import HttpResponseRedirect, QueryDict

from .logging import IDENTITY_LIKE
from .search import recall, stash

TOKEN_PARAM = "_s"
MARKER = "_token_search"
_NOT_FILTERS = ("csrfmiddlewaretoken", MARKER, SEARCH_VAR, TOKEN_PARAM)


def _with_token(query: str, token: str) -> str:
    """``query`` (with or without "?") with its q replaced by the token."""
    params = QueryDict(query.lstrip("?"), mutable=True)
    if params.pop(SEARCH_VAR, None) is not None:
        params[TOKEN_PARAM] = token
    return params.urlencode()


class TokenSearchAdminMixin:
    change_list_template = "admin/token_search_change_list.html"

    def _redirect_with_token(self, request, terms: QueryDict, filters: QueryDict):
        kept = QueryDict(mutable=True)
        kept[SEARCH_VAR] = terms.get(SEARCH_VAR, "")
        token = stash(request, kept)
        params = filters.copy()
        for key in _NOT_FILTERS:
            params.pop(key, None)
        params[TOKEN_PARAM] = token
        return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and MARKER in request.POST:
            return self._redirect_with_token(request, request.POST, request.POST)
        if IDENTITY_LIKE.search(request.GET.get(SEARCH_VAR, "")):
            return self._redirect_with_token(request, request.GET, request.GET)
        token = request.GET.get(TOKEN_PARAM)
        if token:
            terms = recall(request, token)
            get = request.GET.copy()
            get.pop(TOKEN_PARAM)
            get.pop(SEARCH_VAR, None)
            if terms is None:
                messages.warning(request, "Søket er utløpt. Søk på nytt.")
            else:
                get[SEARCH_VAR] = terms.get(SEARCH_VAR, "")
                request.search_token = token
            request.GET = get
        return super().changelist_view(request, extra_context)

    def get_changelist(self, request, **kwargs):
        base = super().get_changelist(request, **kwargs)
        token = getattr(request, "search_token", "")
        if not token:
            return base

        class TokenChangeList(base):
            def get_query_string(self, new_params=None, remove=None):
                return "?" + _with_token(super().get_query_string(new_params, remove), token)

        return TokenChangeList

    def get_preserved_filters(self, request):
        preserved = super().get_preserved_filters(request)
        token = getattr(request, "search_token", "")
        if not (token and preserved):
            return preserved
        outer = QueryDict(preserved, mutable=True)
        outer["_changelist_filters"] = _with_token(outer.get("_changelist_filters", ""), token)
        return outer.urlencode()
