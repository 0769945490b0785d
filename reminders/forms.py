from django import forms

from .models import ReminderKind


class PreferencesForm(forms.Form):
    """One checkbox per kind: ticked = e-mail and in-app, unticked = in-app only."""

    def __init__(self, *args, kinds, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(
                label=ReminderKind(kind).label,
                required=False,
                initial=current.get(kind, True),
                widget=forms.CheckboxInput(attrs={"class": "app-checkbox__input"}),
            )
