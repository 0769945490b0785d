import pytest

from companies.models import Company
from demo.companies import seed_companies

pytestmark = pytest.mark.django_db


def test_seed_companies_is_deterministic_and_runs_once(markedsradgiver):
    assert seed_companies(seed=1, count=20) == 20
    first = list(Company.objects.order_by("orgnr").values_list("name", flat=True))
    assert seed_companies(seed=1, count=20) == 0
    Company.objects.all().delete()
    seed_companies(seed=1, count=20)
    assert list(Company.objects.order_by("orgnr").values_list("name", flat=True)) == first
