from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.http import QueryDict

from . import bounds
from .widgets import FastSelect

# Django's own blank choice ("- Select an option -" since 6.0, untranslated in nb, or the
# dashes before it) becomes the Norwegian word the rest of the app uses.
_DJANGO_BLANKS = {"---------", str(BLANK_CHOICE_LABEL), "- Select an option -"}
BLANK_LABEL = "Velg"
# Long enough for any pass phrase; only a bound on the work of hashing it.
PASSWORD_MAX = 4096

# RadioSelect before Select: it is a subclass, and its inputs are Aksel radios, not fields.
_WIDGET_CLASSES = {
    forms.RadioSelect: "aksel-radio__input",
    forms.Select: "aksel-select__input aksel-body-short",
    forms.Textarea: "aksel-textarea__input aksel-body-short",
    forms.CheckboxInput: "app-checkbox__input",
}


class AkselFormMixin:
    """Gives widgets Aksel's classes and links each error text to its field for screen readers.

    It also bounds every field (core.bounds): dates to their window (``date_windows`` on the
    form, else the model field's window, else the case window), numbers to a count window,
    text to a length shown as ``maxlength``; text is NFC-normalised and refused when it holds
    control or direction characters (in ``name_fields``, any invisible character).
    """

    date_windows: dict = {}
    name_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # A password is compared byte for byte with what was set: never rewritten.
            secret = {
                self.add_prefix(n)
                for n, f in self.fields.items()
                if isinstance(f.widget, forms.PasswordInput)
            }
            self.data = _normalised(self.data, skip=secret)
        for name, field in self.fields.items():
            _norwegian_blank(field)
            self._bound_field(name, field)
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

    def _bound_field(self, name, field) -> None:
        if isinstance(field, forms.DateField | forms.DateTimeField):
            window = self.date_windows.get(name) or self._model_window(name) or bounds.CASE
            field.validators.append(window.check)
            if isinstance(field, forms.DateField):
                field.widget.attrs.setdefault("min", window.lower().isoformat())
                field.widget.attrs.setdefault("max", window.upper().isoformat())
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            _bound_number(field)
        elif isinstance(field.widget, forms.PasswordInput):
            if field.max_length is None:
                field.max_length = PASSWORD_MAX
                field.validators.append(MaxLengthValidator(PASSWORD_MAX))
        elif isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField):
            multiline = isinstance(field.widget, forms.Textarea)
            if field.max_length is None:
                field.max_length = bounds.LONG_TEXT if multiline else bounds.SHORT_TEXT
                field.validators.append(MaxLengthValidator(field.max_length))
                if not field.widget.is_hidden:
                    field.widget.attrs.setdefault("maxlength", str(field.max_length))
            is_name = name in self.name_fields or name == "name" or name.endswith("_name")
            field.validators.append(_TextCheck(multiline=multiline, name=is_name))

    def _model_window(self, name):
        meta = getattr(self, "_meta", None)
        model = getattr(meta, "model", None)
        if model is None:
            return None
        try:
            return bounds.window_of(model._meta.get_field(name).validators)
        except FieldDoesNotExist:
            return None

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


class _TextCheck:
    def __init__(self, *, multiline: bool, name: bool):
        self.multiline, self.name = multiline, name

    def __call__(self, value) -> None:
        if isinstance(value, str):
            bounds.check_text(value, multiline=self.multiline, name=self.name)


def _bound_number(field) -> None:
    window = bounds.COUNT
    lower = window.lower if field.min_value is None else max(field.min_value, window.lower)
    upper = window.upper if field.max_value is None else min(field.max_value, window.upper)
    # Replace Django's own range checks: one message that states the whole window.
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
    ]
    field.validators.append(_NumberCheck(field))
    field.min_value, field.max_value = lower, upper
    field.widget.attrs["min"], field.widget.attrs["max"] = str(lower), str(upper)


class _NumberCheck:
    """Reads the field's window when it runs, so a form that narrows it later is obeyed."""

    def __init__(self, field):
        self.field = field

    def __call__(self, value) -> None:
        lower, upper = self.field.min_value, self.field.max_value
        if value is not None and not (lower <= value <= upper):
            raise ValidationError(bounds.NumberWindow(lower, upper).message(), code="number_window")


def _normalised(data, *, skip=frozenset()):
    """The submitted text in NFC, whatever shape the data came in."""

    def norm(key, value):
        return bounds.normalise(value) if isinstance(value, str) and key not in skip else value

    if isinstance(data, QueryDict):
        copy = data.copy()
        for key, values in data.lists():
            copy.setlist(key, [norm(key, v) for v in values])
        copy._mutable = False
        return copy
    if isinstance(data, dict):
        return {k: norm(k, v) for k, v in data.items()}
    return data
