"""The overview's filters: period, office, veileder, innsatsgruppe, age band, lærefag."""

import datetime
import functools
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core.forms import AkselFormMixin
from participants.models import Innsatsgruppe, Laerefag, Participant
from participants.reference import kontor_choices, laerefag_choices, with_blank

from .access import office_scope, offices_for, sees_all_offices

# The target groups of DOMAIN.md: OT/vgs, JobbLoop, the Trøndelag model.
AGE_BANDS = {"15-21": (15, 21), "18-30": (18, 30), "18-35": (18, 35)}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def years_before(day: datetime.date, years: int) -> datetime.date:
    """29 February becomes 28 February in a year without one (relativedelta's rule)."""
    return day - relativedelta(years=years)


@dataclass(frozen=True)
class Period:
    """Whole days in Oslo, both ends included."""

    start: datetime.date
    end: datetime.date

    @property
    def start_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_at(self) -> datetime.datetime:
        """Exclusive: midnight after the last day."""
        day_after = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    @classmethod
    def default(cls, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(start=years_before(today, 1) + datetime.timedelta(days=1), end=today)


@dataclass(frozen=True)
class OverviewFilter:
    period: Period = field(default_factory=Period.default)
    nav_kontor_id: int | None = None
    veileder_id: int | None = None
    innsatsgruppe: str = ""
    age_band: str = ""
    laerefag_id: int | None = None

    def scope(self, user, *, today: datetime.date | None = None) -> QuerySet[Participant]:
        qs = office_scope(user, self.nav_kontor_id)
        if self.veileder_id:
            qs = qs.filter(veileder_id=self.veileder_id)
        if self.innsatsgruppe:
            qs = qs.filter(innsatsgruppe=self.innsatsgruppe)
        if self.laerefag_id:
            qs = qs.filter(sluttkompetanse_id=self.laerefag_id)
        if self.age_band in AGE_BANDS:
            today = today or timezone.localdate()
            youngest, oldest = AGE_BANDS[self.age_band]
            qs = qs.filter(
                birth_date__lte=years_before(today, youngest),
                birth_date__gt=years_before(today, oldest + 1),
            )
        return qs


class OverviewForm(AkselFormMixin, forms.Form):
    fra = forms.DateField(label="Fra og med", required=False, widget=DATE)
    til = forms.DateField(label="Til og med", required=False, widget=DATE)
    kontor = forms.ModelChoiceField(
        label="NAV-kontor", required=False, queryset=None, empty_label="Alle"
    )
    veileder = forms.ModelChoiceField(
        label="Veileder", required=False, queryset=None, empty_label="Alle"
    )
    innsatsgruppe = forms.ChoiceField(
        label="Innsatsgruppe", required=False, choices=[("", "Alle"), *Innsatsgruppe.choices]
    )
    aldersgruppe = forms.ChoiceField(
        label="Aldersgruppe",
        required=False,
        choices=[("", "Alle"), *((key, f"{key.replace('-', '–')} år") for key in AGE_BANDS)],
    )
    laerefag = forms.ModelChoiceField(
        label="Lærefag", required=False, queryset=None, empty_label="Alle"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        offices = offices_for(user)
        veiledere = User.objects.filter(groups__name=Role.VEILEDER).order_by("name", "nav_ident")
        if sees_all_offices(user):
            self.fields["kontor"].queryset = offices
            self.fields["kontor"].widget.choices = with_blank(kontor_choices())
        else:
            # A leder's office is fixed; the field is not offered.
            del self.fields["kontor"]
            veiledere = veiledere.filter(nav_kontor_id=user.nav_kontor_id)
        self.fields["veileder"].queryset = veiledere

        # Two columns, not a thousand User objects: the county's select cost a fifth of the
        # page. A callable, so pages that do not show the select do not read it; read once.
        @functools.cache
        def veileder_choices():
            return with_blank(
                [
                    (pk, f"{name} ({ident})")  # as User.__str__
                    for pk, name, ident in veiledere.values_list("pk", "name", "nav_ident")
                ]
            )

        self.fields["veileder"].widget.choices = veileder_choices
        self.fields["laerefag"].queryset = Laerefag.objects.order_by("name")
        self.fields["laerefag"].widget.choices = with_blank(laerefag_choices())

    def clean(self):
        data = super().clean()
        start, end = data.get("fra"), data.get("til")
        default = Period.default()
        start = start or (default.start if not end else years_before(end, 1))
        end = end or max(default.end, start)
        if start > end:
            self.add_error("til", "«Til og med» må være samme dag som eller etter «fra og med».")
        data["period"] = Period(start=start, end=end)
        return data

    def to_filter(self) -> OverviewFilter:
        if not self.is_bound or not self.is_valid():
            return OverviewFilter()
        data = self.cleaned_data
        kontor = data.get("kontor")
        return OverviewFilter(
            period=data["period"],
            nav_kontor_id=kontor.pk if kontor else None,
            veileder_id=data["veileder"].pk if data.get("veileder") else None,
            innsatsgruppe=data.get("innsatsgruppe") or "",
            age_band=data.get("aldersgruppe") or "",
            laerefag_id=data["laerefag"].pk if data.get("laerefag") else None,
        )
