from django import forms

from core.forms import AkselFormMixin

from .models import Consent
from .scans import validate_scan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsentForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "purpose",
            "shared_what",
            "shared_with",
            "given_on",
            "method",
            "document",
            "valid_until",
        ]
        widgets = {"given_on": DATE, "valid_until": DATE}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            validate_scan(document)
        return document

    def _post_clean(self):
        pass


class ScanForm(AkselFormMixin, forms.Form):
    document = forms.FileField(
        label="Signert skjema",
        help_text="PDF, JPEG eller PNG, høyst 10 MB.",
        validators=[validate_scan],
    )


class WithdrawForm(AkselFormMixin, forms.Form):
    note = forms.CharField(label="Merknad", required=False, max_length=300)
