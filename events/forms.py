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
        help_text="Du kan også legge til bedrifter senere.",
        queryset=Company.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class AddCompanyForm(AkselFormMixin, forms.Form):
    company = forms.ModelChoiceField(label="Legg til bedrift", queryset=None)

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies


class InviteForm(AkselFormMixin, forms.Form):
    participant = forms.ModelChoiceField(label="Inviter kandidat", queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = candidates


class InviteToEventForm(AkselFormMixin, forms.Form):
    event = forms.ModelChoiceField(label="Møteplass", queryset=None, to_field_name="uuid")

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class OutcomeForm(AkselFormMixin, forms.Form):
    invitation = forms.UUIDField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="Utfall", choices=Outcome.choices)
    company = forms.ModelChoiceField(
        label="Matchet med", queryset=None, required=False, empty_label="Ingen"
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
