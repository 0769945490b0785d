from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from core.pagination import page_size

from .forms import AuditSearchForm
from .selectors import audit_search


@capability_required(Capability.AUDIT_LOG)
def audit_log(request):
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
