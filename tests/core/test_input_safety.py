"""Bad input never breaks anything: far dates, huge bodies, hostile text, client file names."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consent.models import Consent, ConsentPurpose
from core import bounds
from jobbloop.models import Loop
from jobbloop.services import loop_create
from participants.models import Participant
from reminders.services import reminders_scan
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, params",
    [
        ("overview:page", {"til": "9999-12-31"}),
        ("overview:page", {"fra": "0001-01-01"}),
        ("overview:participants", {"til": "9999-12-31", "tall": "entered"}),
        ("audit:log", {"date_to": "9999-12-31"}),
        ("audit:log", {"date_from": "0001-01-01"}),
    ],
)
def test_far_dates_in_get_filters_give_the_window_not_a_500(
    client, leder, admin_user, name, params
):
    client.force_login(admin_user if name.startswith("audit") else leder)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert "Datoen må være mellom 01.01.1990 og" in response.content.decode()


def test_a_far_date_export_is_refused_with_a_message(client, leder):
    client.force_login(leder)
    response = client.get(reverse("overview:export"), {"til": "9999-12-31", "format": "csv"})
    assert response.status_code == 400
    assert "Datoen må være mellom" in response.content.decode()


def test_a_far_jobbloop_start_is_refused_and_a_stored_one_breaks_nothing(client, veileder):
    companies = [CompanyFactory() for _ in range(3)]
    with pytest.raises(Exception, match="Datoen må være mellom"):
        loop_create(
            actor=veileder,
            name="Fjern",
            start_date=datetime.date(9999, 12, 31),
            companies=companies,
        )
    loop = loop_create(
        actor=veileder, name="Fjern", start_date=timezone.localdate(), companies=companies
    )
    # A row from before the windows existed.
    Loop.objects.filter(pk=loop.pk).update(start_date=datetime.date(9999, 12, 31))
    client.force_login(veileder)
    assert client.get(reverse("jobbloop:list")).status_code == 200
    assert client.get(reverse("jobbloop:detail", args=[loop.uuid])).status_code == 200
    reminders_scan(now=timezone.now())  # does not raise


def test_a_far_meeting_date_never_overflows_the_follow_up_date(participant):
    from phases.rules import next_followup_due

    due = next_followup_due(
        phase="praksis",
        phase_entered_on=datetime.date(9999, 12, 31),
        last_followup_on=None,
        agreed_on=None,
    )
    assert due == datetime.date.max


def test_safe_arithmetic_clamps():
    assert bounds.add_days(datetime.date.max, 1) == datetime.date.max
    assert bounds.add_days(datetime.date.min, -1) == datetime.date.min
    assert bounds.add_months(datetime.date(9999, 12, 31), 4) == datetime.date.max
    assert bounds.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


def test_a_body_too_big_gets_a_norwegian_413_page(client, veileder, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(veileder)
    response = client.post(reverse("participants:create"), {"first_name": "x" * 5000})
    assert response.status_code == 413
    assert "Skjemaet er for stort" in response.content.decode()
    assert not Participant.objects.filter(first_name__startswith="xxx").exists()


def test_a_bad_request_gets_a_norwegian_400_page(client):
    # A Host header outside ALLOWED_HOSTS is Django's own SuspiciousOperation.
    response = client.get("/logg-inn/", HTTP_HOST="ondsinnet.example")
    assert response.status_code == 400
    assert "Forespørselen kunne ikke behandles" in response.content.decode()


def _participant_form(**overrides):
    from tests.factories import next_identity

    data = {
        "fodselsnummer": next_identity()[0],
        "first_name": "Kari",
        "last_name": "Nordmann",
        "innsatsgruppe": "standard",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\ufeff", "\u2066"])
def test_names_with_invisible_or_direction_characters_are_refused(client, veileder, hidden):
    client.force_login(veileder)
    response = client.post(
        reverse("participants:create"), _participant_form(first_name=f"Ka{hidden}ri")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "usynlige tegn" in html
    assert not Participant.objects.filter(last_name="Nordmann").exists()


def test_text_is_stored_in_nfc(client, veileder):
    client.force_login(veileder)
    decomposed = "A\u030ase"  # "Åse" as A + combining ring
    client.post(reverse("participants:create"), _participant_form(first_name=decomposed))
    stored = Participant.objects.get(last_name="Nordmann")
    assert stored.first_name == "\u00c5se"


def test_every_free_text_field_has_a_limit_shown_in_the_form(client, veileder, participant):
    from phases.forms import KartleggingForm

    form = KartleggingForm()
    for name, field in form.fields.items():
        if hasattr(field, "max_length") and field.__class__.__name__ == "CharField":
            assert field.max_length, name
            assert field.widget.attrs.get("maxlength") == str(field.max_length), name
    client.force_login(veileder)
    html = client.get(reverse("phases:kartlegging", args=[participant.uuid])).content.decode()
    assert f'maxlength="{bounds.LONG_TEXT}"' in html
    too_long = client.post(
        reverse("phases:kartlegging", args=[participant.uuid]),
        {"interests": "x" * (bounds.LONG_TEXT + 1)},
    )
    assert "5000 eller færre tegn" in too_long.content.decode()


def test_an_uploaded_scan_is_stored_under_a_name_the_app_chose(client, veileder, participant):
    consent = Consent.objects.create(
        participant=participant,
        purpose=ConsentPurpose.SHARE_WITH_COUNTY,
        given_on=datetime.date(2026, 1, 5),
        method="meeting",
        recorded_by=veileder,
    )
    client.force_login(veileder)
    hostile = "Kari Nordmann 12345678901 \u202egpj.exe"
    response = client.post(
        reverse("consent:scan_upload", args=[participant.uuid, consent.uuid]),
        {"document": SimpleUploadedFile(hostile, b"%PDF-1.4 signert")},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    stored = consent.document.name
    assert "Kari" not in stored and "12345678901" not in stored and "\u202e" not in stored
    folder, year, name = stored.split("/")
    assert folder == "samtykker" and year.isdigit()
    stem, ext = name.split(".")
    assert len(stem) == 32 and ext == "pdf"


def test_lock_out_says_how_long_in_norwegian(client, veileder, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": veileder.nav_ident, "password": "feil"})
    response = client.post(reverse("login"), {"username": veileder.nav_ident, "password": "feil"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Prøv igjen om 30 minutter" in html
    assert "PT30M" not in html


def test_durations_are_written_the_norwegian_way():
    td = datetime.timedelta
    assert bounds.duration_text(td(minutes=30)) == "30 minutter"
    assert bounds.duration_text(td(minutes=1)) == "1 minutt"
    assert bounds.duration_text(td(hours=1, minutes=15)) == "1 time og 15 minutter"
    assert bounds.duration_text(td(days=2)) == "2 dager"
    assert bounds.duration_text(td(days=1, hours=2, minutes=5)) == "1 dag, 2 timer og 5 minutter"
