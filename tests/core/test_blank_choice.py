"""No English "- Select an option -" (Django 6's blank choice) in the Norwegian interface."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_meeting_form_offers_norwegian_blank_choices(client, veileder, participant):
    client.force_login(veileder)
    html = client.get(reverse("phases:meeting_create", args=[participant.uuid])).content.decode()
    assert "Select an option" not in html and "---------" not in html
    assert '<option value="" selected>Velg</option>' in html
