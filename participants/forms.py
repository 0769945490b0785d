from django import forms
from django.core.exceptions import ValidationError

from core.forms import AkselFormMixin
from core.identity import parse_identity
from participants.reference import kontor_choices, laerefag_choices, with_blank

from .models import Innsatsgruppe, Laerefag, Participant, Phase
from .selectors import SORTS


class ParticipantCreateForm(AkselFormMixin, forms.ModelForm):
    fodselsnummer = forms.CharField(
        label="Fødselsnummer eller D-nummer",
        help_text="11 sifre. Mellomrom er tillatt.",
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Participant
        fields = [
            "fodselsnummer",
            "first_name",
            "last_name",
            "phone",
            "email",
            "street_address",
            "postal_code",
            "postal_place",
            "innsatsgruppe",
            "vgs_completed",
            "sluttkompetanse",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sluttkompetanse"].empty_label = "Ikke valgt ennå"
        self.fields["sluttkompetanse"].queryset = Laerefag.objects.order_by("name")

    def clean_fodselsnummer(self) -> str:
        return parse_identity(self.cleaned_data["fodselsnummer"]).number

    def validate_unique(self):
        # The service decides on duplicates (inside its transaction), not the form.
        pass

    def _post_clean(self):
        # birth_date is derived by the service; skip the model's full_clean here.
        pass


class ContactForm(AkselFormMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["phone", "email", "street_address", "postal_code", "postal_place"]

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise ValidationError("Postnummer skal være fire sifre.")
        return value

    def _post_clean(self):
        pass


class ReassignForm(AkselFormMixin, forms.Form):
    veileder = forms.ModelChoiceField(label="Ny veileder", queryset=None, empty_label=None)

    def __init__(self, *args, veiledere, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["veileder"].queryset = veiledere


class CaseloadFilterForm(AkselFormMixin, forms.Form):
    q = forms.CharField(label="Søk på navn eller fødselsnummer", required=False, max_length=100)
    innsatsgruppe = forms.ChoiceField(
        label="Innsatsgruppe", required=False, choices=[("", "Alle"), *Innsatsgruppe.choices]
    )
    sluttkompetanse = forms.ModelChoiceField(
        label="Sluttkompetanse", required=False, queryset=None, empty_label="Alle"
    )
    fase = forms.ChoiceField(label="Fase", required=False, choices=[("", "Alle"), *Phase.choices])
    forfalt = forms.BooleanField(label="Bare forfalt oppfølging", required=False)
    kontor = forms.ModelChoiceField(
        label="NAV-kontor", required=False, queryset=None, empty_label="Alle"
    )
    # A status filter (participants.statuses), chosen from the counts above the list.
    status = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label="Sorter etter",
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, laerefag, kontorer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sluttkompetanse"].queryset = laerefag
        self.fields["kontor"].queryset = kontorer
        # Rendered from the cached option lists; the querysets above still validate.
        self.fields["sluttkompetanse"].widget.choices = with_blank(laerefag_choices())
        self.fields["kontor"].widget.choices = with_blank(kontor_choices())
