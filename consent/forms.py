from django import forms

from core.forms import AkselFormMixin

from .models import Consent

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

    def _post_clean(self):
        pass


class WithdrawForm(AkselFormMixin, forms.Form):
    note = forms.CharField(label="Merknad", required=False, max_length=300)
