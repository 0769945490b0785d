"""What a veileder notices at once: radios, labels, role names, counts, the admin's home."""

import pytest
from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role, role_labels
from audit.models import AuditEvent
from core.forms import AkselFormMixin
from phases.services import kartlegging_save
from tests.factories import MatchFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


class _Choice(AkselFormMixin, forms.Form):
    pick = forms.ChoiceField(
        label="Hva skjer nå?", widget=forms.RadioSelect, choices=[("a", "Godkjenn"), ("b", "Avslå")]
    )


def test_every_radio_select_renders_as_aksel_radios():
    html = render_to_string("components/field.html", {"field": _Choice()["pick"]})
    assert '<fieldset class="aksel-fieldset aksel-radio-group' in html
    assert '<legend class="aksel-fieldset__legend aksel-label">Hva skjer nå?' in html
    assert html.count('class="aksel-radio__input"') == 2
    assert html.count('<label class="aksel-radio__label"') == 2
    assert "aksel-text-field__input" not in html


def test_match_review_offers_aksel_radios(client, markedsradgiver):
    match = MatchFactory(status="til_vurdering")
    client.force_login(markedsradgiver)
    body = client.get(reverse("matching:review", args=[match.uuid])).content.decode()
    assert "Hva skjer nå?" in body and 'class="aksel-radio__input"' in body
    assert 'type="radio" name="to_status" class="aksel-text-field__input' not in body


def test_change_history_names_fields_by_their_labels(veileder, participant):
    kartlegging_save(participant=participant, actor=veileder, interests="Omsorg")
    kartlegging_save(
        participant=participant, actor=veileder, economy="AAP", family_situation="Samboer"
    )
    from participants.services import participant_update_contact

    participant_update_contact(
        actor=veileder, participant=participant, phone="40000000", street_address="Ny vei 2"
    )
    logged = list(AuditEvent.objects.values_list("what", flat=True))
    assert "Kartlegging: økonomi, familiesituasjon" in logged
    assert any(w.startswith("Kontaktopplysninger: ") for w in logged)
    assert not any("economy" in w or "street_address" in w or "phone" in w for w in logged)


def test_role_names_are_shown_with_their_letters():
    assert role_labels("leder,markedsradgiver") == "NAV-leder, Markedsrådgiver"
    assert role_labels([Role.MARKEDSRADGIVER]) == "Markedsrådgiver"


def test_audit_log_shows_the_role_label(client, leder, markedsradgiver, participant):
    from audit.services import audit_participant

    audit_participant(markedsradgiver, participant)
    client.force_login(leder)
    body = client.get(reverse("audit:log")).content.decode()
    assert "Markedsrådgiver" in body and "(markedsradgiver)" not in body


def test_count_reads_in_singular_and_plural(client, veileder):
    ParticipantFactory(veileder=veileder, first_name="Åse")
    client.force_login(veileder)
    url = reverse("participants:caseload")
    # The search is POSTed and read back behind its token (core.search).
    one = client.post(url, {"q": "Åse"}, follow=True).content.decode()
    assert "1 deltaker passer filteret" in one and "treff" not in one
    ParticipantFactory(veileder=veileder, first_name="Åse")
    two = client.post(url, {"q": "Åse"}, follow=True).content.decode()
    assert "2 deltakere passer filteret" in two


def test_admin_home_tells_an_administrator_where_to_go(client, admin_user):
    client.force_login(admin_user)
    body = client.get(reverse("home")).content.decode()
    assert "Du er administrator" in body and reverse("admin:index") in body
    assert "Be en administrator om tilgang" not in body


def test_a_user_without_role_is_told_to_ask(client, outsider):
    client.force_login(outsider)
    assert "Be en administrator om tilgang" in client.get(reverse("home")).content.decode()


_NORWEGIAN_AS_IS = {"uuid", "enhetsnummer", "bransje", "status", "skjermet", "innsatsgruppe"}
_NORWEGIAN_AS_IS |= {"adressebeskyttelse", "veileder", "id"}


def test_admin_labels_are_norwegian():
    english = []
    for model in admin.site._registry:
        if model._meta.app_label in {"auth", "axes"}:
            continue
        for f in model._meta.get_fields():
            if not getattr(f, "concrete", False) or f.name in _NORWEGIAN_AS_IS:
                continue
            if str(f.verbose_name) == f.name.replace("_", " "):
                english.append(f"{model._meta.label}.{f.name}")
    assert not english, english


def test_user_admin_names_roles_with_their_letters(client, admin_user, markedsradgiver):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "Markedsrådgiver" in listing
    change = client.get(
        reverse("admin:accounts_user_change", args=[markedsradgiver.pk])
    ).content.decode()
    assert "Markedsrådgiver" in change
