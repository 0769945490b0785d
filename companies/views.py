from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from accounts.capabilities import Capability, may
from accounts.decorators import capability_required
from core.exceptions import DomainError
from core.formtokens import once
from core.pagination import page_size
from participants.models import Laerefag

from . import services
from .forms import CompanyFilterForm, CompanyForm, CompanyNeedFormSet, need_changes
from .models import Company
from .selectors import CompanyFilter, company_list, get_company, markedsradgivere, municipalities

_LAEREBEDRIFT = {"ja": True, "nei": False}


@capability_required(Capability.COMPANIES)
def company_index(request):
    form = CompanyFilterForm(
        request.GET or None,
        municipalities=municipalities(),
        laerefag=Laerefag.objects.order_by("name"),
    )
    filters = CompanyFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CompanyFilter(
            search=data["q"],
            municipality=data["kommune"],
            laerefag_id=data["laerefag"].pk if data["laerefag"] else None,
            laerebedrift=_LAEREBEDRIFT.get(data["laerebedrift"]),
        )
    page = Paginator(company_list(filters), page_size(request)).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": filters.is_filtered,
        "can_edit": may(request.user, Capability.EDIT_COMPANIES),
    }
    template = "companies/list.html"
    if request.htmx and request.htmx.target == "company-results":
        template += "#results"
    return render(request, template, context)


@capability_required(Capability.COMPANIES)
def company_detail(request, company):
    return render(
        request,
        "companies/detail.html",
        {
            "company": get_company(company),
            "can_edit": may(request.user, Capability.EDIT_COMPANIES),
        },
    )


@capability_required(Capability.EDIT_COMPANIES)
@once
def company_create(request):
    return _edit(request, Company(markedsradgiver=request.user))


@capability_required(Capability.EDIT_COMPANIES)
def company_edit(request, company):
    return _edit(request, get_company(company))


def _edit(request, company: Company):
    creating = company.pk is None
    data = request.POST if request.method == "POST" else None
    form = CompanyForm(data, instance=company, markedsradgivere=markedsradgivere())
    needs = CompanyNeedFormSet(data, instance=company, prefix="behov")
    if data is not None and form.is_valid() and needs.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if not creating:
            fields = {name: fields[name] for name in form.changed_data if name in fields}
        try:
            if creating:
                company = services.company_create(
                    actor=request.user, needs=need_changes(needs), **fields
                )
            else:
                company = services.company_update(
                    actor=request.user, company=company, needs=need_changes(needs), **fields
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{company.name} er lagret.")
            return redirect("companies:detail", company.uuid)
    return render(
        request,
        "companies/form.html",
        {"form": form, "needs": needs, "company": company, "creating": creating},
    )
