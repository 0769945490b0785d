"""Reads of the company register that views share."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role

from .models import Company, CompanyNeed


@dataclass(frozen=True)
class CompanyFilter:
    search: str = ""
    municipality: str = ""
    laerefag_id: int | None = None
    laerebedrift: bool | None = None

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.search.strip()
            or self.municipality
            or self.laerefag_id
            or self.laerebedrift is not None
        )


def _needs_prefetch() -> Prefetch:
    return Prefetch(
        "needs",
        queryset=CompanyNeed.objects.select_related("laerefag").order_by("laerefag__name"),
    )


def company_list(filters: CompanyFilter | None = None) -> QuerySet[Company]:
    filters = filters or CompanyFilter()
    qs = Company.objects.all()
    search = filters.search.strip()
    if search:
        compact = search.replace(" ", "")
        if compact.isdigit():
            qs = qs.filter(orgnr__startswith=compact)
        else:
            qs = qs.filter(name__icontains=search)
    if filters.municipality:
        qs = qs.filter(municipality=filters.municipality)
    if filters.laerefag_id:
        # Exists rather than a join keeps one row per company without DISTINCT.
        qs = qs.filter(
            Exists(
                CompanyNeed.objects.filter(company=OuterRef("pk"), laerefag_id=filters.laerefag_id)
            )
        )
    if filters.laerebedrift is not None:
        qs = qs.filter(is_laerebedrift=filters.laerebedrift)
    return qs.select_related("markedsradgiver").prefetch_related(_needs_prefetch())


def municipalities() -> list[str]:
    return list(
        Company.objects.exclude(municipality="")
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


def get_company(company_uuid) -> Company:
    company = (
        Company.objects.filter(uuid=company_uuid)
        .select_related("markedsradgiver")
        .prefetch_related(_needs_prefetch())
        .first()
    )
    if company is None:
        raise Http404("Fant ikke bedriften.")
    return company


def markedsradgivere() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=Role.MARKEDSRADGIVER).order_by("name")
