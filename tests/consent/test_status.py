"""Which of her consents hold now: one rule (valid_consents), read with her list."""

import datetime

import pytest
from django.utils import timezone

from consent.models import Consent, ConsentPurpose
from consent.services import consent_withdraw, consents_of, status_of
from tests.factories import give_consent

pytestmark = pytest.mark.django_db


def test_valid_expired_and_withdrawn_consents_in_one_query(
    participant, veileder, django_assert_num_queries
):
    today = timezone.localdate()
    give_consent(participant, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    withdrawn = give_consent(participant, veileder, ConsentPurpose.SHARE_GUIDANCE_NOTE)
    consent_withdraw(consent=withdrawn, actor=veileder)
    expired = give_consent(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    Consent.objects.filter(pk=expired.pk).update(
        given_on=today - datetime.timedelta(days=30),
        valid_until=today - datetime.timedelta(days=1),
    )

    with django_assert_num_queries(1):
        consents = consents_of(participant)
        status = status_of(consents)

    assert len(consents) == 3
    assert {c.purpose: c.valid_now for c in consents} == {
        ConsentPurpose.SHARE_WITH_COUNTY: True,
        ConsentPurpose.SHARE_GUIDANCE_NOTE: False,
        ConsentPurpose.KOMPETANSEKARTLEGGING: False,
    }
    assert status == {
        purpose: purpose == ConsentPurpose.SHARE_WITH_COUNTY for purpose in ConsentPurpose.values
    }
