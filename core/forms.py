from django import forms
from django.db.models.fields import BLANK_CHOICE_LABEL

from .widgets import FastSelect

# Django's own blank choice ("- Select an option -" since 6.0, untranslated in nb, or the
# dashes before it) becomes the Norwegian word the rest of the app uses.
_DJANGO_BLANKS = {"---------", str(BLANK_CHOICE_LABEL), "- Select an option -"}
BLANK_LABEL = "Velg"

# RadioSelect before Select: it is a subclass, and its inputs are Aksel radios, not fields.
_WIDGET_CLASSES = {
    forms.RadioSelect: "aksel-radio__input",
    forms.Select: "aksel-select__input aksel-body-short",
    forms.Textarea: "aksel-textarea__input aksel-body-short",
    forms.CheckboxInput: "app-checkbox__input",
}


class AkselFormMixin:
    """Gives widgets Aksel's classes and links each error text to its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _norwegian_blank(field)
            if type(field.widget) is forms.Select:
                fast = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                fast.is_required = field.widget.is_required
                field.widget = fast
            widget = field.widget
            css = next(
                (c for kind, c in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "aksel-text-field__input aksel-body-short",
            )
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"{self.add_prefix(name)}-help")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self.add_prefix(name)}-error"


def _norwegian_blank(field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label) in _DJANGO_BLANKS:
            field.empty_label = BLANK_LABEL
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and str(choices[0][1]) in _DJANGO_BLANKS:
            field.choices = [("", BLANK_LABEL), *choices[1:]]
