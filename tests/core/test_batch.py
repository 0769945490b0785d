"""fetch_together: the same objects as evaluating each queryset alone, in one round trip on
PostgreSQL."""

import pytest
from django.db.models import Count

from core.batch import fetch_together
from participants.models import Participant
from phases.models import ChecklistItem
from tests.conftest import is_postgres
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _querysets(veileder):
    return [
        Participant.objects.select_related("veileder", "nav_kontor").order_by("last_name")[:3],
        Participant.objects.filter(veileder=veileder).only("uuid", "first_name").order_by("-id"),
        Participant.objects.none(),
        Participant.objects.filter(pk__in=[]),
        ChecklistItem.objects.values("participant", "participant__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "participant__last_name")[:5],
        Participant.objects.values_list("first_name", flat=True).order_by("first_name"),
    ]


def _plain(rows):
    return [
        # What select_related put on the object, without asking for anything more.
        (r.pk, r.first_name, sorted(r._state.fields_cache.items()))
        if isinstance(r, Participant)
        else r
        for r in rows
    ]


def test_the_same_rows_as_one_by_one(veileder, colleague, django_assert_num_queries):
    ParticipantFactory.create_batch(3, veileder=veileder)
    ParticipantFactory.create_batch(2, veileder=colleague)
    expected = [_plain(list(qs)) for qs in _querysets(veileder)]
    together = _querysets(veileder)
    with django_assert_num_queries(1 if is_postgres() else 4):
        fetch_together(*together)
    with django_assert_num_queries(0):
        # Related objects came in the same rows; deferred fields are not read here.
        assert [_plain(list(qs)) for qs in together] == expected


def test_nothing_to_fetch_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        fetch_together()
        fetch_together(Participant.objects.none())
