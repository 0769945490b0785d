from django import forms

from companies.models import Company
from core.forms import AkselFormMixin

from .models import LeaveReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoopForm(AkselFormMixin, forms.Form):
    name = forms.CharField(label="Navn", max_length=200)
    start_date = forms.DateField(label="Oppstart", widget=DATE)
    # Three distinct companies is the service's rule (loop_create); it answers with a message.
    company_1 = forms.ModelChoiceField(label="Bedrift 1", queryset=Company.objects.order_by("name"))
    company_2 = forms.ModelChoiceField(label="Bedrift 2", queryset=Company.objects.order_by("name"))
    company_3 = forms.ModelChoiceField(label="Bedrift 3", queryset=Company.objects.order_by("name"))


class CloseForm(AkselFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label="Ja, avslutt loopen. Kandidatene som har stått året ut skal ha felles attest."
    )


class CandidateForm(AkselFormMixin, forms.Form):
    participant = forms.ModelChoiceField(label="Kandidat", queryset=None)
    start_position = forms.TypedChoiceField(
        label="Starter hos",
        coerce=int,
        choices=[(1, "Bedrift 1"), (2, "Bedrift 2"), (3, "Bedrift 3")],
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = candidates


class LeaveForm(AkselFormMixin, forms.Form):
    candidate = forms.UUIDField(widget=forms.HiddenInput)
    left_on = forms.DateField(label="Dato", widget=DATE)
    reason = forms.ChoiceField(label="Årsak", choices=LeaveReason.choices)


class MentorForm(AkselFormMixin, forms.Form):
    candidate = forms.UUIDField(widget=forms.HiddenInput)
    company = forms.ModelChoiceField(label="Bedrift", queryset=None)
    name = forms.CharField(label="Mentor", max_length=150)
    phone = forms.CharField(label="Telefon", required=False, max_length=20)

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
