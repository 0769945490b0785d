from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python instead of one template per option.

    Django renders each option through a template; with the lærefag and office filters
    that was half of the caseload page's time. Same HTML, escaped by format_html.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option_value,
                    mark_safe(" selected") if str(option_value) in selected else "",
                    label,
                )
                for option_value, label in self._flat_choices()
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)

    def _flat_choices(self):
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield from ((str(v), lbl) for v, lbl in label)
            else:
                yield ("" if option_value is None else str(option_value)), label
