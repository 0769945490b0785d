from django import forms

from companies.models import Company
from core.forms import AkselFormMixin

from .models import EventKind, Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(AkselFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Type", choices=EventKind.choices)
    title = forms.CharField(label="Navn", max_length=200)
    date = forms.DateField(label="Dato", widget=DATE)
    place = forms.CharField(label="Sted", max_length=200)
    companies = forms.ModelMultipleChoiceField(
        label="Bedrifter til stede",
        queryset=Company.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class InviteForm(AkselFormMixin, forms.Form):
    participant = forms.ModelChoiceField(label="Inviter kandidat", queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = candidates


class OutcomeForm(AkselFormMixin, forms.Form):
    invitation = forms.UUIDField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="Utfall", choices=Outcome.choices)
    company = forms.ModelChoiceField(
        label="Matchet med", queryset=None, required=False, empty_label="Ingen"
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
