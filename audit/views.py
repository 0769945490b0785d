from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core.pagination import page_size

from .forms import AuditSearchForm
from .selectors import audit_search, may_search_audit


@login_required
def audit_log(request):
    if not may_search_audit(request.user):
        raise Http404("Siden finnes ikke.")
    form = AuditSearchForm(request.GET or None)
    events = None
    if form.is_bound and form.is_valid():
        events = audit_search(request.user, **form.cleaned_data)
    else:
        events = audit_search(request.user)
    page = Paginator(events, page_size(request)).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()}
    )
