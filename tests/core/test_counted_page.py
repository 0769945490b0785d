"""counted_page: the same page as Paginator.get_page, its total carried by the rows."""

import pytest
from django.core.paginator import Paginator

from core.pagination import counted_page
from participants.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _same(qs, per_page, number):
    expected = Paginator(qs, per_page).get_page(number)
    page = counted_page(qs, per_page, number)
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count
    assert page.paginator.num_pages == expected.paginator.num_pages
    assert [p.pk for p in page.object_list] == [p.pk for p in expected.object_list]
    return page


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "4", "99", "0", "-1", "abc", "2.5"])
def test_every_page_number_gives_what_get_page_gives(veileder, number):
    ParticipantFactory.create_batch(7, veileder=veileder)
    _same(Participant.objects.order_by("id"), 3, number)


@pytest.mark.parametrize("number", [None, "1", "2"])
def test_an_empty_list_has_one_empty_page(number):
    page = _same(Participant.objects.none().order_by("id"), 10, number)
    assert page.paginator.count == 0


def test_one_query_for_a_page_within_the_list(veileder, django_assert_num_queries):
    ParticipantFactory.create_batch(5, veileder=veileder)
    with django_assert_num_queries(1):
        page = counted_page(Participant.objects.order_by("id"), 2, "2")
        assert page.paginator.count == 5
        assert page.has_next()
