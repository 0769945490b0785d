"""The page where a user chooses and orders the caseload's columns (kept per user)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.capabilities import Capability, may
from core.exceptions import DomainError
from core.forms import AkselFormMixin

from .columns import COLUMNS, SESSION_KEY, caseload_columns_save, chosen_keys


class ColumnsForm(AkselFormMixin, forms.Form):
    """Per column: shown or not, and its place; the name column is always first."""

    def __init__(self, *args, current: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        order = current + [k for k in COLUMNS if k not in current]
        for place, key in enumerate(order, start=1):
            column = COLUMNS[key]
            self.fields[f"vis_{key}"] = forms.BooleanField(
                label=column.label + (" (bare Kontorets deltakere)" if column.office_only else ""),
                required=False,
                initial=key in current,
            )
            self.fields[f"plass_{key}"] = forms.IntegerField(
                label=f"Plass for {column.label.lower()}",
                min_value=1,
                max_value=len(COLUMNS),
                initial=place,
            )
        self.rows = [(self[f"vis_{k}"], self[f"plass_{k}"]) for k in order]

    def chosen(self) -> list[str]:
        data = self.cleaned_data
        shown = [k for k in COLUMNS if data.get(f"vis_{k}")]
        return sorted(shown, key=lambda k: (data[f"plass_{k}"], list(COLUMNS).index(k)))


def _back(request) -> str:
    allowed = {reverse("participants:caseload"), reverse("participants:office")}
    asked = request.GET.get("neste", "")
    if asked in allowed:
        return asked
    return reverse(
        "participants:caseload" if may(request.user, Capability.CASELOAD) else "participants:office"
    )


@login_required
def caseload_columns(request):
    if not (may(request.user, Capability.CASELOAD) or may(request.user, Capability.OFFICE_LIST)):
        raise Http404("Siden finnes ikke.")
    form = ColumnsForm(request.POST or None, current=chosen_keys(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = caseload_columns_save(user=request.user, keys=form.chosen())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_KEY] = saved.columns
            messages.success(request, "Kolonnene er lagret.")
            return redirect(_back(request))
    return render(request, "participants/columns.html", {"form": form, "back": _back(request)})
