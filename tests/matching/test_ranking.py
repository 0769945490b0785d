import pytest

from matching.models import MatchStatus
from matching.ranking import ranked_companies, suggest_companies
from participants.models import Participant
from tests.factories import (
    CompanyFactory,
    CompanyNeedFactory,
    LaerefagFactory,
    MatchFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fag():
    return LaerefagFactory(name="Rangeringsfaget")


@pytest.fixture
def candidate(veileder, fag):
    return ParticipantFactory(veileder=veileder, sluttkompetanse=fag, postal_place="Steinkjer")


def names(participant):
    return [s.company.name for s in suggest_companies(participant)]


def test_company_needing_her_laerefag_in_her_municipality_ranks_above_one_that_does_not(
    candidate, fag
):
    CompanyFactory(name="Annet fag Steinkjer", municipality="Steinkjer")
    CompanyNeedFactory(
        company=CompanyFactory(name="Langt unna", municipality="Røros"), laerefag=fag
    )
    CompanyNeedFactory(
        company=CompanyFactory(name="Steinkjer helse", municipality="Steinkjer"), laerefag=fag
    )
    assert names(candidate) == ["Steinkjer helse", "Langt unna", "Annet fag Steinkjer"]


def test_neighbouring_municipality_ranks_above_a_distant_one(candidate, fag):
    CompanyNeedFactory(company=CompanyFactory(name="Røros", municipality="Røros"), laerefag=fag)
    CompanyNeedFactory(company=CompanyFactory(name="Inderøy", municipality="Inderøy"), laerefag=fag)
    assert names(candidate) == ["Inderøy", "Røros"]


def test_open_capacity_ranks_above_a_full_company(candidate, fag, veileder):
    full = CompanyFactory(name="Full", municipality="Steinkjer")
    CompanyNeedFactory(company=full, laerefag=fag, count=1)
    MatchFactory(
        company=full,
        participant=ParticipantFactory(veileder=veileder, sluttkompetanse=fag),
        status=MatchStatus.STARTET,
    )
    CompanyNeedFactory(
        company=CompanyFactory(name="Ledig", municipality="Steinkjer"), laerefag=fag, count=2
    )
    suggestions = suggest_companies(candidate)
    assert [s.company.name for s in suggestions] == ["Ledig", "Full"]
    assert "2 ledige plasser" in suggestions[0].reasons
    assert "Ingen ledige plasser nå" in suggestions[1].reasons


def test_reasons_say_why(candidate, fag):
    CompanyNeedFactory(
        company=CompanyFactory(name="Steinkjer helse", municipality="Steinkjer"), laerefag=fag
    )
    (suggestion,) = suggest_companies(candidate)
    assert suggestion.reasons == [
        "Trenger Rangeringsfaget (1 plass)",
        "I samme kommune (Steinkjer)",
        "1 ledig plass",
    ]


def test_the_nav_office_municipality_counts_as_home(veileder, fag):
    participant = ParticipantFactory(veileder=veileder, sluttkompetanse=fag, postal_place="")
    CompanyFactory(name="Ved kontoret", municipality=veileder.nav_kontor.municipality)
    assert names(participant) == ["Ved kontoret"]


def test_companies_already_proposed_are_left_out(candidate, fag):
    company = CompanyFactory(municipality="Steinkjer")
    CompanyNeedFactory(company=company, laerefag=fag)
    MatchFactory(participant=candidate, company=company, status=MatchStatus.TIL_VURDERING)
    assert names(candidate) == []


def test_only_the_top_ten_and_unrelated_companies_are_left_out(candidate, fag):
    for _ in range(12):
        CompanyNeedFactory(company=CompanyFactory(municipality="Oslo"), laerefag=fag)
    CompanyFactory(municipality="Oslo")
    assert ranked_companies(candidate).count() == 12
    assert len(suggest_companies(candidate)) == 10


def test_ranking_is_one_query(candidate, fag, django_assert_num_queries):
    for _ in range(5):
        CompanyNeedFactory(company=CompanyFactory(municipality="Steinkjer"), laerefag=fag)
    # As the propose page loads her (participants.permissions.get_participant_for_user).
    candidate = Participant.objects.select_related("sluttkompetanse", "nav_kontor").get(
        pk=candidate.pk
    )
    with django_assert_num_queries(1):
        suggest_companies(candidate)


def test_unknown_home_does_not_favour_companies_without_a_municipality(veileder, fag):
    veileder.nav_kontor.municipality = ""
    veileder.nav_kontor.save()
    participant = ParticipantFactory(veileder=veileder, sluttkompetanse=fag, postal_place="")
    CompanyFactory(name="Uten kommune", municipality="")
    assert names(participant) == []
