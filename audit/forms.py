from django import forms
from django.core.exceptions import ValidationError

from core.forms import AkselFormMixin
from core.identity import parse_identity


class AuditSearchForm(AkselFormMixin, forms.Form):
    nav_ident = forms.CharField(label="NAV-ident", required=False, max_length=7)
    fodselsnummer = forms.CharField(label="Deltakers fødselsnummer", required=False, max_length=14)
    date_from = forms.DateField(
        label="Fra dato", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Til dato", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_fodselsnummer(self) -> str:
        raw = self.cleaned_data["fodselsnummer"]
        return parse_identity(raw, allow_synthetic=True).number if raw.strip() else ""

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("Fra-datoen må være før til-datoen.")
        return data
