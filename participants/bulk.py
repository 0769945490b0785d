"""A leder assigns many of the office's participants to one veileder: pick, confirm, done."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render

from accounts.capabilities import Capability
from accounts.decorators import capability_required
from audit.services import audit_list
from core.exceptions import DomainError
from core.forms import AkselFormMixin

from . import services
from .access import REASSIGN, visible_q
from .models import Participant
from .selectors import veiledere_in_office

PAGE_SIZE = 50
UNASSIGNED = "ingen"


class BulkAssignForm(AkselFormMixin, forms.Form):
    deltakere = forms.ModelMultipleChoiceField(
        label="Deltakere",
        queryset=Participant.objects.none(),
        to_field_name="uuid",
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "Velg minst én deltaker.",
            "invalid_choice": "En av deltakerne kan ikke tildeles av deg. Last siden på nytt.",
        },
    )
    veileder = forms.ModelChoiceField(label="Tildel valgte til", queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deltakere"].queryset = Participant.objects.filter(
            visible_q(user, REASSIGN)
        ).select_related("veileder")
        offered = veiledere_in_office(user.nav_kontor_id)
        self.fields["veileder"].queryset = offered
        # One query for the menu and the page's filter; a POST looks its choice up again.
        self.veiledere = list(offered)
        self.fields["veileder"].choices = [(v.pk, v.name) for v in self.veiledere]


def _rows(user, shown: str):
    rows = Participant.objects.filter(visible_q(user, REASSIGN)).select_related("veileder")
    if shown == UNASSIGNED:
        rows = rows.filter(veileder__isnull=True)
    elif shown.isdigit():
        rows = rows.filter(veileder_id=int(shown))
    # Unassigned first: they are what a leder comes here for.
    return rows.order_by(F("veileder__name").asc(nulls_first=True), "last_name", "first_name", "pk")


@capability_required(Capability.OFFICE_LIST)
def bulk_reassign(request):
    shown = request.GET.get("vis", "")
    form = BulkAssignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        chosen = sorted(form.cleaned_data["deltakere"], key=lambda p: (p.last_name, p.first_name))
        veileder = form.cleaned_data["veileder"]
        if request.POST.get("steg") != "bekreft":
            return render(
                request,
                "participants/bulk_reassign_confirm.html",
                {"form": form, "chosen": chosen, "veileder": veileder},
            )
        try:
            moved = services.participants_reassign_many(
                actor=request.user, participants=chosen, veileder=veileder
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{moved} av {len(chosen)} valgte deltakere er tildelt {veileder.name}.",
            )
            return redirect("participants:office")
    page = Paginator(_rows(request.user, shown), PAGE_SIZE).get_page(request.GET.get("side"))
    audit_list(
        request.user,
        what=f"Tildel flere, side {page.number}",
        participant_ids=[p.pk for p in page.object_list],
    )
    return render(
        request,
        "participants/bulk_reassign.html",
        {
            "form": form,
            "page": page,
            "shown": shown,
            "veiledere": form.veiledere,
            "unassigned": UNASSIGNED,
            "query": urlencode({"vis": shown}) if shown else "",
        },
    )
