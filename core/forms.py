from django import forms

from .widgets import FastSelect

_WIDGET_CLASSES = {
    forms.Select: "aksel-select__input aksel-body-short",
    forms.Textarea: "aksel-textarea__input aksel-body-short",
    forms.CheckboxInput: "app-checkbox__input",
}


class AkselFormMixin:
    """Gives widgets Aksel's classes and links each error text to its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
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
