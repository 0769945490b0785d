from django import forms

from companies.models import Company
from core.forms import BLANK_LABEL, AkselFormMixin
from participants.models import Laerefag, Phase

from .models import (
    ActivityCard,
    ActivityStatus,
    ApprovalParty,
    Employment,
    EndReason,
    Fagbrev,
    FollowUpAgreement,
    Kartlegging,
    Laerekontrakt,
    Meeting,
    OnBehalfReason,
    Opplaeringsplan,
)
from .rules import targets_with_needs

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TransitionForm(AkselFormMixin, forms.Form):
    to_phase = forms.ChoiceField(label="Ny fase", choices=Phase.choices)
    end_reason = forms.ChoiceField(
        label="Årsak til avslutning",
        required=False,
        choices=[("", "Velg årsak (bare ved avslutning)"), *EndReason.choices],
    )
    reason = forms.CharField(
        label="Begrunnelse",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the moves the rule table allows from her phase; what each still needs is shown
        # beside the choice, so the form never offers what the service then refuses unseen.
        options = targets_with_needs(participant)
        self.needs = [(Phase(target).label, need) for target, need in options if need]
        self.fields["to_phase"].choices = [
            ("", BLANK_LABEL),
            *(
                (
                    target,
                    f"{Phase(target).label} (mangler noe, se under)"
                    if need
                    else Phase(target).label,
                )
                for target, need in options
            ),
        ]


class MeetingForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "held_on", "place", "attendees", "summary", "next_agreed_on"]
        widgets = {
            "held_on": DATE,
            "next_agreed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def _post_clean(self):
        pass


class OpplaeringsplanForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Opplaeringsplan
        fields = ["received_on", "school", "description"]
        widgets = {"received_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self):
        pass


class LaerekontraktForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Laerekontrakt
        fields = ["company", "laerefag", "opplaeringskontor", "signed_on", "ends_on"]
        widgets = {"signed_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.order_by("name")
        self.fields["laerefag"].queryset = Laerefag.objects.order_by("name")

    def _post_clean(self):
        pass


class FagbrevForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Fagbrev
        fields = ["laerefag", "passed_on"]
        widgets = {"passed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["laerefag"].queryset = Laerefag.objects.order_by("name")

    def _post_clean(self):
        pass


class EmploymentForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["employer", "employer_name", "start_date", "found_herself", "note"]
        widgets = {"start_date": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Company.objects.order_by("name")
        self.fields["employer"].empty_label = "Ikke i registeret"

    def _post_clean(self):
        pass


class KartleggingForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Kartlegging
        fields = [
            "interests",
            "career_direction",
            "tool_jobpics",
            "tool_inflow24",
            "tool_samtale",
            "resources_experience",
            "tilrettelegging_work",
            "tilrettelegging_school",
            "economy",
            "economic_measures",
            "housing",
            "health_treatment",
            "family_situation",
            "rekrutteringsbistand",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "interests",
                "career_direction",
                "resources_experience",
                "tilrettelegging_work",
                "tilrettelegging_school",
                "economy",
                "economic_measures",
                "housing",
                "health_treatment",
                "family_situation",
            ]
        }

    def _post_clean(self):
        pass


class AgreementForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUpAgreement
        fields = [
            "goals",
            "valid_from",
            "valid_to",
            "extension",
            "followup_frequency",
            "followup_purpose",
            "responsible",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "followup_purpose": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DATE,
            "valid_to": DATE,
        }

    def _post_clean(self):
        pass


class ActivityCardForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = ActivityCard
        fields = ["title", "kind", "from_date", "to_date", "description"]
        widgets = {
            "from_date": DATE,
            "to_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        pass


class ActivityStatusForm(AkselFormMixin, forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActivityStatus.choices)


class ActivityMessageForm(AkselFormMixin, forms.Form):
    text = forms.CharField(
        label="Ny melding", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    from_participant = forms.BooleanField(label="Meldingen er fra deltakeren", required=False)
    awaiting_reply = forms.BooleanField(label="Venter på svar fra deltakeren", required=False)


class ApprovalForm(AkselFormMixin, forms.Form):
    """Offers only the parties that have not approved the latest version yet."""

    party = forms.ChoiceField(label="Hvem godkjenner?", widget=forms.RadioSelect)
    on_behalf_reason = forms.ChoiceField(
        label="Hvorfor godkjenner du på deltakerens vegne?",
        required=False,
        widget=forms.RadioSelect,
        choices=OnBehalfReason.choices,
        help_text="Bare når du registrerer deltakerens godkjenning.",
    )
    approver_name = forms.CharField(
        label="Hvem hos arbeidsgiveren godkjente?",
        required=False,
        max_length=200,
        help_text="Bare når du registrerer arbeidsgiverens godkjenning.",
    )

    def __init__(self, *args, missing: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p, ApprovalParty(p).label) for p in missing]
