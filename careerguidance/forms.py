from django import forms

from accounts.models import User
from accounts.roles import Role
from core.forms import AkselFormMixin
from participants.access import cleared_users, required_clearances

from .models import Appointment, AppointmentMode, GuidanceNote, KartleggingPath, KompetanseRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InterestForm(AkselFormMixin, forms.Form):
    informed_on = forms.DateField(label="Informert om Karrieresenteret", widget=DATE)
    note = forms.CharField(label="Merknad", required=False, max_length=300)


NO_CLEARED_KARRIEREVEILEDER = (
    "Ingen karriereveileder har tilgang til å se denne deltakeren ennå. Be Karrieresenteret gi "
    "en karriereveileder slik tilgang før du bestiller time."
)


class BookingForm(AkselFormMixin, forms.Form):
    needs_participant = True
    starts_at = forms.DateTimeField(
        label="Tidspunkt",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    mode = forms.ChoiceField(
        label="Form", choices=[("", "Velg"), *AppointmentMode.choices], required=False
    )
    location = forms.CharField(label="Sted (ved fysisk oppmøte)", required=False, max_length=200)
    karriereveileder = forms.ModelChoiceField(
        label="Karriereveileder",
        required=False,
        queryset=None,
        empty_label="Tildeles av Karrieresenteret",
    )
    participant_wants_veileder = forms.BooleanField(
        label="Deltakeren ønsker at veileder er med", required=False
    )
    veileder_attends = forms.BooleanField(label="Veileder deltar", required=False)

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # Only karriereveiledere cleared for her (participants.access): for a protected person
        # one of them must be chosen, since an unassigned booking could go to anyone.
        field = self.fields["karriereveileder"]
        field.queryset = cleared_users(
            User.objects.filter(groups__name=Role.KARRIEREVEILEDER), participant
        ).order_by("name")
        self.none_cleared = ""
        if required_clearances(participant):
            field.required = True
            field.empty_label = None
            if not field.queryset.exists():
                self.none_cleared = field.help_text = NO_CLEARED_KARRIEREVEILEDER

    def clean(self):
        data = super().clean()
        if self.none_cleared:
            raise forms.ValidationError(self.none_cleared)
        return data


class NoteForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = GuidanceNote
        fields = [
            "school_work_experience",
            "interests",
            "qualities",
            "motivation_mastery",
            "values",
            "needs",
            "way_forward",
            "open_questions",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}

    def _post_clean(self):
        pass


class AppointmentStatusForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["status"]


NO_CLEARED_FAGOPPLAERING = (
    "Ingen i fagopplæringen har tilgang til å se denne deltakeren ennå. Be fylkeskommunen gi "
    "en rådgiver slik tilgang før du sender forespørselen."
)


class KompetanseRequestForm(AkselFormMixin, forms.Form):
    needs_participant = True
    question = forms.CharField(
        label="Hva ønskes kartlagt",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # A request about a protected person reaches only cleared fagopplæring users.
        self.none_cleared = ""
        if required_clearances(participant):
            cleared = cleared_users(
                User.objects.filter(groups__name=Role.FAGOPPLAERING), participant
            )
            if not cleared.exists():
                self.none_cleared = NO_CLEARED_FAGOPPLAERING

    def clean(self):
        data = super().clean()
        if self.none_cleared:
            raise forms.ValidationError(self.none_cleared)
        return data


class KompetanseAnswerForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = KompetanseRequest
        fields = [
            "completed_subjects",
            "relevant_practice",
            "path",
            "estimated_months",
            "plan_text",
        ]
        widgets = {
            "completed_subjects": forms.Textarea(attrs={"rows": 3}),
            "relevant_practice": forms.Textarea(attrs={"rows": 3}),
            "plan_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["path"].choices = [("", "Velg"), *KartleggingPath.choices]

    def _post_clean(self):
        pass


class SummaryForm(AkselFormMixin, forms.Form):
    summary = forms.CharField(
        label="Samtalereferat",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Hva dere snakket om etter karriereveiledningen, og veien videre.",
    )
