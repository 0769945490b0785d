from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from core.pagination import page_size
from core.search import search_terms

from .forms import AuditSearchForm
from .selectors import audit_search, hidden_on_lists


@capability_required(Capability.AUDIT_LOG)
def audit_log(request):
    # Searched by fødselsnummer: POSTed and kept behind a token (core.search), never in a URL.
    search = search_terms(request, sensitive=("fodselsnummer",))
    if search.redirect:
        return search.redirect
    form = AuditSearchForm(search.data)
    if form.is_bound and form.is_valid():
        events = audit_search(request.user, **form.cleaned_data)
    else:
        events = audit_search(request.user)
    page = Paginator(events, page_size(request)).get_page(request.GET.get("side"))
    hidden = hidden_on_lists(request.user, page.object_list)
    for event in page.object_list:
        # A list row counts only the people this user may know of.
        event.shown_count = sum(1 for pk in event.participant_ids if pk not in hidden)
    return search.finish(
        render(
            request,
            "audit/log.html",
            {"form": form, "page": page, "query": search.query, "expired": search.expired},
        )
    )
