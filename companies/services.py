"""Every write to the company register goes through these functions."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.roles import Role, has_role
from core.exceptions import DomainError
from participants.models import Laerefag

from .models import Company, CompanyNeed

COMPANY_FIELDS = (
    "orgnr",
    "name",
    "street_address",
    "postal_code",
    "municipality",
    "bransje",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_laerebedrift",
    "opplaeringskontor",
    "markedsradgiver",
)
DUPLICATE_MESSAGE = "Det finnes allerede en bedrift med dette organisasjonsnummeret."


@dataclass(frozen=True)
class NeedChange:
    """One row of the needs table: a new need (pk None), a changed one, or one to delete."""

    laerefag: Laerefag | None
    count: int = 1
    from_date: datetime.date | None = None
    note: str = ""
    pk: int | None = None
    delete: bool = False


def _require_markedsradgiver(actor: User) -> None:
    if not has_role(actor, Role.MARKEDSRADGIVER):
        raise DomainError("Bare markedsrådgivere kan endre bedriftsregisteret.")


def _clean(obj) -> None:
    try:
        obj.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from None


def _apply_needs(company: Company, needs: list[NeedChange]) -> None:
    existing = {n.pk: n for n in CompanyNeed.objects.filter(company=company)}
    for change in needs:
        if change.pk is not None and change.pk not in existing:
            raise DomainError("Behovet finnes ikke lenger. Last siden på nytt.")
        if change.delete:
            if change.pk is not None:
                existing[change.pk].delete()
            continue
        need = existing.get(change.pk) or CompanyNeed(company=company)
        need.laerefag = change.laerefag
        need.count = change.count
        need.from_date = change.from_date
        need.note = change.note.strip()
        _clean(need)
        need.save()


def company_create(*, actor: User, needs: list[NeedChange] = (), **fields) -> Company:
    _require_markedsradgiver(actor)
    unknown = set(fields) - set(COMPANY_FIELDS)
    if unknown:
        raise ValueError(f"Not company fields: {sorted(unknown)}")
    company = Company(**fields)
    _clean(company)
    try:
        with transaction.atomic():
            company.save()
            _apply_needs(company, list(needs))
    except IntegrityError:
        raise DomainError(DUPLICATE_MESSAGE) from None
    return company


def company_update(
    *, actor: User, company: Company, needs: list[NeedChange] = (), **changes
) -> Company:
    _require_markedsradgiver(actor)
    unknown = set(changes) - set(COMPANY_FIELDS)
    if unknown:
        raise ValueError(f"Not company fields: {sorted(unknown)}")
    try:
        with transaction.atomic():
            locked = Company.objects.select_for_update().get(pk=company.pk)
            for name, value in changes.items():
                setattr(locked, name, value.strip() if isinstance(value, str) else value)
            _clean(locked)
            if changes:
                locked.save(update_fields=list(changes))
            _apply_needs(locked, list(needs))
    except IntegrityError:
        raise DomainError(DUPLICATE_MESSAGE) from None
    return locked
