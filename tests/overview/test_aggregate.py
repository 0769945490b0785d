"""The county's figures from the daily aggregate equal the direct queries (figures.py).

The direct count_figures is the reference: every figure, for every period between the days
below, for users cleared for protected persons and not, after a refresh and after what
happens the same day (moves, a fagbrev registered with an earlier date, a participant who
moves office, becomes protected or is anonymised).
"""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from matching.models import MatchEvent, MatchStatus
from overview.aggregate import (
    AGGREGATED,
    county_counts,
    figure_counts,
    outside,
    refresh,
    serves,
)
from overview.durations import days_in_phase, days_to_decision
from overview.figures import FIGURES, count_figures
from overview.filters import OverviewFilter, Period
from overview.models import FigureDay, FigureRefresh, OfficeFigureDay
from overview.selectors import overview
from participants.models import Adressebeskyttelse, Laerefag, Participant, Phase
from phases.models import EndReason, Fagbrev, PhaseTransition
from tests.factories import LaerefagFactory, MatchFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

K, M, P, L, J, A = (
    Phase.KARTLEGGE,
    Phase.MATCHING,
    Phase.PRAKSIS,
    Phase.LARETID,
    Phase.JOBB,
    Phase.AVSLUTTET,
)
TODAY = timezone.localdate()


def day(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def at(n: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day(n), datetime.time(hour)))


def move(participant, frm, to, n, hour=10, end_reason="", when=None):
    PhaseTransition.objects.create(
        participant=participant,
        from_phase=frm,
        to_phase=to,
        actor=participant.veileder,
        end_reason=end_reason,
        created_at=when or at(n, hour),
        from_phase_since=at(n - 7),
    )


def fagbrev(participant, passed: int, *, created: datetime.datetime | None = None):
    Fagbrev.objects.create(
        participant=participant,
        # One lærefag: a new one would empty the page's cached choices (a query more).
        laerefag=Laerefag.objects.first() or LaerefagFactory(),
        passed_on=day(passed),
        registered_by=participant.veileder,
        created_at=created or at(passed),
    )


@pytest.fixture
def county(veileder, colleague, other_veileder):
    """Two offices; people with moves on several days, in and out of any period below."""
    people = {}
    for key, who in [
        ("often", veileder),  # moves on many days, twice on one of them
        ("ended", colleague),
        ("mover", veileder),  # moves to the other office after the refresh
        ("other", other_veileder),
        ("protected", veileder),
        ("skjermet", other_veileder),
        ("anonymised", colleague),
        ("to_protect", other_veileder),  # protected after the refresh
        ("to_anonymise", veileder),  # anonymised after the refresh
        ("today", colleague),  # moved today, before and after the refresh
        ("late_fagbrev", other_veileder),  # fagbrev registered today, passed earlier
    ]:
        people[key] = ParticipantFactory(veileder=who, nav_kontor=who.nav_kontor)
    Participant.objects.filter(pk=people["protected"].pk).update(
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    Participant.objects.filter(pk=people["skjermet"].pk).update(skjermet=True)
    Participant.objects.filter(pk=people["anonymised"].pk).update(anonymised_at=at(-2))

    for key, p in people.items():
        move(p, "", K, -400 if key != "today" else -3)
    often = people["often"]
    move(often, K, M, -60)
    move(often, M, P, -30)
    move(often, P, M, -30, hour=15)
    move(often, M, P, -10)
    move(often, P, L, -9)
    move(often, L, J, -1)
    fagbrev(often, -20)
    fagbrev(often, -5)
    move(people["ended"], K, A, -31, end_reason=EndReason.FLYTTET)
    for key in ("mover", "other", "protected", "skjermet", "anonymised", "to_protect"):
        move(people[key], K, M, -31)
        move(people[key], M, L, -10)
        move(people[key], L, J, -1)
    fagbrev(people["protected"], -10)
    fagbrev(people["to_anonymise"], -12)
    move(people["to_anonymise"], K, M, -12)
    move(people["today"], K, M, 0, hour=0)  # after midnight, before the refresh
    fagbrev(people["late_fagbrev"], -40, created=at(-40))
    S = MatchStatus
    for key, to, decided in [("often", S.GODKJENT, -10), ("protected", S.AVSLATT, -9)]:
        m = MatchFactory(participant=people[key], status=to, created_at=at(-20))
        MatchEvent.objects.create(
            match=m,
            actor=people[key].veileder,
            from_status=S.TIL_VURDERING,
            to_status=to,
            created_at=at(decided),
        )
    return people


def after_the_refresh(people, other_kontor):
    """What happens on the day of the refresh, after it ran."""
    move(people["today"], M, P, 0, when=timezone.now())
    move(people["often"], J, A, 0, end_reason=EndReason.ORDINAERT_ARBEID, when=timezone.now())
    fagbrev(people["late_fagbrev"], -15, created=timezone.now())
    Participant.objects.filter(pk=people["mover"].pk).update(nav_kontor=other_kontor)
    Participant.objects.filter(pk=people["to_protect"].pk).update(
        adressebeskyttelse=Adressebeskyttelse.FORTROLIG
    )
    Participant.objects.filter(pk=people["to_anonymise"].pk).update(anonymised_at=timezone.now())


DAYS = [-400, -61, -60, -31, -30, -20, -12, -10, -9, -5, -1, 0, 3]
PERIODS = [Period(day(s), day(e)) for s, e in itertools.combinations_with_replacement(DAYS, 2)]


def cleared_admin():
    user = UserFactory(nav_kontor=None, is_staff=True, is_superuser=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"]
        )
    )
    return User.objects.get(pk=user.pk)  # without the clearances read before


def assert_equal_to_direct(users):
    compared = 0
    for user in users:
        for period in PERIODS:
            f = OverviewFilter(period=period)
            scope = f.scope(user, today=TODAY)
            assert serves(f, user)
            expected = count_figures(scope, period)
            assert figure_counts(user, f, scope) == expected, (user, period)
            # The durations read the few outside the county instead of all in it.
            left_out = outside(user)
            assert days_in_phase(scope, period, outside=left_out) == days_in_phase(scope, period)
            assert days_to_decision(scope, period, outside=left_out) == days_to_decision(
                scope, period
            )
            compared += 1
    return compared


def test_the_county_s_figures_equal_the_direct_ones_before_and_after_the_day_s_changes(
    county, admin_user, other_kontor
):
    users = [admin_user, cleared_admin()]
    refresh(today=TODAY)
    assert FigureDay.objects.exists() and OfficeFigureDay.objects.exists()
    assert assert_equal_to_direct(users) == 2 * len(PERIODS)
    # Something to compare: the figures are not all zero, and the day's changes show.
    wide = OverviewFilter(period=Period(day(-400), day(0)))
    before = county_counts(wide.scope(admin_user), admin_user, wide.period)
    assert before["entered"] == 8 and before["jobb"] == 4 and before["fagbrev"] == 3

    after_the_refresh(county, other_kontor)
    users = [User.objects.get(pk=admin_user.pk), cleared_admin()]
    assert_equal_to_direct(users)
    after = county_counts(wide.scope(users[0]), users[0], wide.period)
    # to_protect and to_anonymise left the uncleared admin's count; often ended today.
    assert after["entered"] == 6 and after["ended"] == 2 and after["ended_ordinaert_arbeid"] == 1
    assert after["fagbrev"] == 2  # often's and late_fagbrev's; to_anonymise's gone


def test_a_refresh_is_idempotent_and_replaces_the_whole_aggregate(county):
    def rows():
        return (
            set(FigureDay.objects.values_list("participant", "figure", "day", "prev_day")),
            set(
                OfficeFigureDay.objects.values_list("nav_kontor", "figure", "day", "prev_day", "n")
            ),
        )

    refresh(today=TODAY)
    first = rows()
    refresh(today=TODAY)
    assert rows() == first
    assert FigureRefresh.objects.count() == 1
    # A participant counts once per figure and day, however many rows she had that day.
    often = county["often"]
    assert FigureDay.objects.filter(participant=often, figure="moved_on", day=day(-30)).count() == 1
    assert set(FigureDay.objects.values_list("figure", flat=True)) <= {
        key for key, f in FIGURES.items() if f.source in AGGREGATED
    }
    # The days before the refresh's day only: today's move is read directly.
    assert not FigureDay.objects.filter(day__gte=TODAY).exists()


def test_before_the_first_refresh_the_county_is_counted_directly(county, admin_user):
    f = OverviewFilter(period=Period(day(-400), day(0)))
    scope = f.scope(admin_user)
    assert county_counts(scope, admin_user, f.period) is None
    assert figure_counts(admin_user, f, scope) == count_figures(scope, f.period)


def test_filters_and_offices_are_counted_directly_and_equal(county, admin_user, leder, veileder):
    refresh(today=TODAY)
    period = Period(day(-61), day(0))
    for user, f in [
        (admin_user, OverviewFilter(period=period, nav_kontor_id=veileder.nav_kontor_id)),
        (admin_user, OverviewFilter(period=period, veileder_id=veileder.pk)),
        (admin_user, OverviewFilter(period=period, innsatsgruppe="standard")),
        (leder, OverviewFilter(period=period)),
    ]:
        assert not serves(f, user)
        scope = f.scope(user, today=TODAY)
        assert figure_counts(user, f, scope) == count_figures(scope, period)


def test_the_page_s_figures_do_not_count_protected_persons_for_the_uncleared(county, admin_user):
    refresh(today=TODAY)
    f = OverviewFilter(period=Period(day(-400), day(0)))
    data = overview(admin_user, f, today=TODAY)
    flow = {x["key"]: x["n"] for x in data["flow"]}
    # protected, skjermet and anonymised are left out: 8 of the 11 entered.
    assert flow["entered"] == 8
    cleared = overview(cleared_admin(), f, today=TODAY)
    assert {x["key"]: x["n"] for x in cleared["flow"]}["entered"] == 10


def test_the_county_page_reads_the_aggregate_in_a_fixed_number_of_queries(
    client, county, admin_user, other_kontor, django_assert_num_queries
):
    refresh(today=TODAY)
    client.force_login(admin_user)
    url = reverse("overview:page")
    params = {"fra": day(-61).isoformat(), "til": day(0).isoformat()}
    client.get(url, params)  # warm the session
    # The refresh row, who to recount, the aggregate's sum and the recount of today's two
    # sources: a fixed number, whatever the county's size and the day's changes.
    with django_assert_num_queries(21):
        response = client.get(url, params)
    assert "overview_officefigureday" not in str(response.content)
    after_the_refresh(county, other_kontor)
    with django_assert_num_queries(21):
        client.get(url, params)
