from django import forms
from stdnum.no import orgnr

from core.forms import AkselFormMixin
from participants.models import Laerefag

from .models import Company, CompanyNeed, validate_orgnr
from .services import DUPLICATE_MESSAGE, NeedChange


class CompanyForm(AkselFormMixin, forms.ModelForm):
    # Wider than the model's nine digits so "923 609 016" reaches clean_orgnr.
    orgnr = forms.CharField(
        label="Organisasjonsnummer",
        help_text="Ni sifre, for eksempel 923 609 016. Mellomrom er tillatt.",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"unique": DUPLICATE_MESSAGE},
    )

    class Meta:
        model = Company
        fields = [
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
        ]

    def __init__(self, *args, markedsradgivere=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["markedsradgiver"].empty_label = "Ingen ansvarlig"
        if markedsradgivere is not None:
            self.fields["markedsradgiver"].queryset = markedsradgivere

    def clean_orgnr(self) -> str:
        value = orgnr.compact((self.cleaned_data["orgnr"] or "").replace("-", ""))
        validate_orgnr(value)
        return value

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise forms.ValidationError("Postnummer skal være fire sifre.")
        return value


class CompanyNeedForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = CompanyNeed
        fields = ["laerefag", "count", "from_date", "note"]
        widgets = {"from_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["laerefag"].queryset = Laerefag.objects.order_by("name")
        self.fields["laerefag"].empty_label = "Velg lærefag"
        self.fields["count"].min_value = 1
        self.fields["count"].widget.attrs["min"] = 1


class _NeedFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the lærefag options, shared by every row.
        if self.forms:
            choices = list(self.forms[0].fields["laerefag"].choices)
            for form in self.forms[1:]:
                form.fields["laerefag"].choices = choices

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Fjern dette behovet"


# Needs are edited on the company's edit page, one row per lærefag.
CompanyNeedFormSet = forms.inlineformset_factory(
    Company,
    CompanyNeed,
    form=CompanyNeedForm,
    formset=_NeedFormSet,
    extra=1,
    can_delete=True,
)


class LaerebedriftFilter:
    CHOICES = [("", "Alle"), ("ja", "Godkjent lærebedrift"), ("nei", "Ikke lærebedrift")]


class CompanyFilterForm(AkselFormMixin, forms.Form):
    q = forms.CharField(
        label="Søk på navn eller organisasjonsnummer", required=False, max_length=100
    )
    kommune = forms.ChoiceField(label="Kommune", required=False)
    laerefag = forms.ModelChoiceField(
        label="Trenger lærefag", required=False, queryset=None, empty_label="Alle"
    )
    laerebedrift = forms.ChoiceField(
        label="Lærebedrift", required=False, choices=LaerebedriftFilter.CHOICES
    )

    def __init__(self, *args, municipalities, laerefag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [("", "Alle"), *((m, m) for m in municipalities)]
        self.fields["laerefag"].queryset = laerefag


def need_changes(formset) -> list[NeedChange]:
    """The rows of a valid needs formset as input for the company services."""
    changes = []
    for form in formset.forms:
        pk = form.instance.pk
        if form in formset.deleted_forms:
            if pk is not None:
                changes.append(NeedChange(laerefag=None, pk=pk, delete=True))
            continue
        if pk is None and not form.has_changed():
            continue
        data = form.cleaned_data
        changes.append(
            NeedChange(
                laerefag=data["laerefag"],
                count=data["count"],
                from_date=data["from_date"],
                note=data["note"],
                pk=pk,
            )
        )
    return changes
