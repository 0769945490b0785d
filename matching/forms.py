from django import forms

from companies.models import Company
from core.forms import AkselFormMixin

from .models import MatchStatus

S = MatchStatus

ACTION_LABELS = {
    (S.FORESLATT, S.TIL_VURDERING): "Send til vurdering hos markedsrådgiver",
    (S.MER_INFO, S.TIL_VURDERING): "Svar og send tilbake til vurdering",
    (S.TIL_VURDERING, S.GODKJENT): "Godkjenn",
    (S.TIL_VURDERING, S.AVSLATT): "Avslå",
    (S.TIL_VURDERING, S.MER_INFO): "Be om mer informasjon",
    (S.GODKJENT, S.MOTE_AVTALT): "Møte med bedriften er avtalt",
    (S.MOTE_AVTALT, S.STARTET): "Kandidaten har startet",
    (S.MOTE_AVTALT, S.IKKE_STARTET): "Kandidaten startet ikke",
    (S.STARTET, S.AVSLUTTET): "Plasseringen er avsluttet",
}


class ProposeForm(AkselFormMixin, forms.Form):
    company = forms.ModelChoiceField(
        label="Bedrift",
        queryset=Company.objects.order_by("name"),
        to_field_name="uuid",
        empty_label="Velg bedrift",
    )
    motivation = forms.CharField(
        label="Begrunnelse",
        help_text="Hvorfor passer deltakeren hos denne bedriften?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    shared_summary = forms.CharField(
        label="Det deltakeren har sagt ja til å dele med markedsrådgiveren",
        help_text="Interesser og behov for tilrettelegging, bare det deltakeren har samtykket til. "
        "Ikke skriv om økonomi, helse eller familie.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class TransitionForm(AkselFormMixin, forms.Form):
    to_status = forms.ChoiceField(label="Hva skjer nå?", widget=forms.RadioSelect)
    comment = forms.CharField(
        label="Kommentar",
        help_text="Påkrevd når du avslår, ber om mer informasjon eller svarer på et spørsmål.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    start_date = forms.DateField(
        label="Startdato",
        help_text="Påkrevd når kandidaten har startet.",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, status: str, allowed: list[str], comment_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(to, ACTION_LABELS[(status, to)]) for to in allowed]
        if comment_label:
            self.fields["comment"].label = comment_label
        if S.STARTET not in allowed:
            del self.fields["start_date"]
