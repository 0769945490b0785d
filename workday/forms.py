from django import forms

from core.forms import AkselFormMixin

from .models import NOTE_MAX, Category


class MarkForm(AkselFormMixin, forms.Form):
    note = forms.CharField(
        label="Huskelapp",
        required=False,
        max_length=NOTE_MAX,
        help_text=f"Et kort, internt notat. Høyst {NOTE_MAX} tegn. Deltakeren ser det ikke.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = forms.DateField(
        label="Frist",
        required=False,
        help_text="Du får en påminnelse på fristdagen.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    category = forms.ChoiceField(
        label="Fargekategori",
        required=False,
        choices=[("", "Ingen"), *Category.choices],
        widget=forms.RadioSelect,
    )


class SavedFilterForm(AkselFormMixin, forms.Form):
    name = forms.CharField(label="Navn på filteret", max_length=60)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    scope = forms.ChoiceField(choices=[("mine", "mine"), ("kontor", "kontor")])


class RenameForm(AkselFormMixin, forms.Form):
    name = forms.CharField(label="Nytt navn", max_length=60)
