import datetime

import pytest
from django.urls import reverse

from core.exceptions import DomainError
from phases.models import ActivityCard, ActivityStatus, FollowUpAgreement, Kartlegging
from phases.services import activity_card_create, agreement_save, kartlegging_save

pytestmark = pytest.mark.django_db

AGREEMENT = {
    "goals": "Fast jobb som helsefagarbeider",
    "valid_from": datetime.date(2026, 11, 1),
    "valid_to": datetime.date(2027, 5, 1),
    "extension": "Kan forlenges 6 måneder",
    "followup_frequency": "Hver 4. uke",
    "followup_purpose": "Sikre tilrettelegging",
    "responsible": "NAV-veileder og mentor",
}


def test_kartlegging_is_structured_and_keeps_who_changed_what(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("phases:kartlegging", args=[participant.uuid])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "interests": "Omsorg og mennesker",
            "tool_jobpics": "on",
            "economy": "AAP",
            "health_treatment": "Ingen",
            "rekrutteringsbistand": "on",
        },
    )
    mapping = Kartlegging.objects.get(participant=participant)
    assert mapping.tool_jobpics and not mapping.tool_inflow24 and mapping.rekrutteringsbistand
    assert mapping.updated_by == veileder
    kartlegging_save(participant=participant, actor=veileder, economy="AAP og bostøtte")
    assert mapping.history.count() == 2
    assert (
        "Omsorg og mennesker"
        in client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    )


def test_sensitive_mapping_never_reaches_the_markedsradgiver(
    client, veileder, markedsradgiver, participant
):
    from matching.models import MatchStatus
    from tests.factories import MatchFactory

    kartlegging_save(
        participant=participant,
        actor=veileder,
        economy="Gjeld hos Namsmannen",
        health_treatment="DPS-behandling",
        family_situation="Aleneforelder",
    )
    match = MatchFactory(participant=participant, status=MatchStatus.TIL_VURDERING)
    client.force_login(markedsradgiver)
    body = client.get(reverse("matching:review", args=[match.uuid])).content.decode()
    for secret in ("Gjeld hos Namsmannen", "DPS-behandling", "Aleneforelder"):
        assert secret not in body


def test_agreement_changes_are_new_versions_and_the_same_content_is_not(veileder, participant):
    first = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    same = agreement_save(participant=participant, actor=veileder, **AGREEMENT)
    second = agreement_save(
        participant=participant,
        actor=veileder,
        **{**AGREEMENT, "followup_frequency": "Hver 2. uke"},
    )
    assert (first.version, same.pk, second.version) == (1, first.pk, 2)
    assert FollowUpAgreement.objects.get(pk=first.pk).followup_frequency == "Hver 4. uke"


def test_agreement_with_end_before_start_is_refused(veileder, participant):
    with pytest.raises(DomainError):
        agreement_save(
            participant=participant,
            actor=veileder,
            **{**AGREEMENT, "valid_to": datetime.date(2026, 1, 1)},
        )


def test_activity_card_with_status_and_dialogue(client, veileder, participant):
    card = activity_card_create(
        participant=participant, actor=veileder, title="Søke lærlingplass", kind="aktivitet"
    )
    client.force_login(veileder)
    url = reverse("phases:activity_detail", args=[participant.uuid, card.uuid])
    client.post(url, {"status": ActivityStatus.GJENNOMFORES})
    client.post(url, {"text": "Har sendt tre søknader."})
    card.refresh_from_db()
    assert card.status == ActivityStatus.GJENNOMFORES
    assert "Har sendt tre søknader." in client.get(url).content.decode()
    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 200
    assert ActivityCard.objects.get(pk=card.pk).messages.count() == 1


def test_plan_pages_are_404_for_a_colleague(client, colleague, participant):
    client.force_login(colleague)
    for name in ("phases:kartlegging", "phases:agreement", "phases:activity_create"):
        assert client.get(reverse(name, args=[participant.uuid])).status_code == 404
