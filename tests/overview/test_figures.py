"""Each figure of the overview against the hand-built office of conftest.py."""

import pytest
from django.contrib.auth.models import Permission

from consent.models import ConsentPurpose, ConsentWithdrawal
from overview.filters import OverviewFilter
from overview.selectors import drilldown, overview
from participants.models import Phase
from tests.factories import UserFactory

from .conftest import MARCH, TODAY, d

pytestmark = pytest.mark.django_db
K, M, P, S, L, J, A = (
    Phase.KARTLEGGE,
    Phase.MATCHING,
    Phase.PRAKSIS,
    Phase.SKOLE,
    Phase.LARETID,
    Phase.JOBB,
    Phase.AVSLUTTET,
)


def by_key(rows):
    return {x["key"]: x["n"] for x in rows}


def spread(s):
    return None if s is None else (s.n, round(s.median, 6), round(s.p90, 6))


def test_phases_now(leder, world, march):
    data = overview(leder, march, today=TODAY)
    assert {p["phase"]: p["n"] for p in data["phases"]} == {
        K: 1,
        M: 1,
        P: 1,
        S: 0,
        L: 0,
        J: 1,
        A: 1,
    }
    assert data["total"] == 5
    assert [p["phase"] for p in data["phases"]] == [K, M, P, S, L, J, A]  # funnel order


def test_flow_in_the_period(leder, world, march):
    data = overview(leder, march, today=TODAY)
    assert by_key(data["flow"]) == {
        "entered": 2,  # B and D
        "moved_on": 3,  # A, B and C (D only ended)
        "laretid": 1,
        "fagbrev": 1,
        "jobb": 1,
        "ended": 1,
    }
    ended = by_key(data["ended"])
    assert ended.pop("ended_flyttet") == 1
    assert set(ended.values()) == {0}


def test_median_and_90th_percentile_days_in_each_phase(leder, world, march):
    data = overview(leder, march, today=TODAY)
    rows = {x["phase"]: x for x in data["durations"]}
    # Kartlegging stays that ended in March: D 10, B 20, A 30 days.
    assert spread(rows[K]["spread"]) == (3, 20.0, 30.0)
    # Matching: A 10 days, C 58 days (11 January to 10 March).
    assert spread(rows[M]["spread"]) == (2, 10.0, 58.0)
    assert spread(rows[L]["spread"]) == (1, 10.0, 10.0)
    assert rows[P]["spread"] is None and rows[J]["spread"] is None
    assert (rows[K]["n"], rows[M]["n"], rows[L]["n"]) == (3, 2, 1)


def test_follow_ups_per_veileder(leder, world, march, veileder, colleague):
    rows = overview(leder, march, today=TODAY)["followups"]
    assert [(r["veileder_id"], r["portefolje"], r["forfalt"], r["uke"]) for r in rows] == [
        (veileder.pk, 3, 1, 1),
        (colleague.pk, 1, 0, 0),
    ]


def test_matches_and_days_to_decision(leder, world, march):
    data = overview(leder, march, today=TODAY)
    assert by_key(data["matches"]) == {"match_waiting": 1, "match_approved": 1, "match_declined": 1}
    assert spread(data["decision"]) == (2, 5.0, 10.0)


def test_consent_and_career_guidance(leder, world, march):
    data = overview(leder, march, today=TODAY)
    assert by_key(data["guidance"]) == {
        "interest": 1,
        "booked": 2,
        "held": 1,
        "note_shared": 1,
        "kk_requested": 1,
        "kk_answered": 2,
    }


def test_a_withdrawn_consent_unshares_the_note(leder, world, march):
    consent = world["a"].consents.get(purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE)
    ConsentWithdrawal.objects.create(
        consent=consent, withdrawn_on=d("2026-04-01"), recorded_by=world["a"].veileder
    )
    assert by_key(overview(leder, march, today=TODAY)["guidance"])["note_shared"] == 0


def test_every_figure_lists_exactly_the_participants_it_counts(leder, world, march):
    data = overview(leder, march, today=TODAY)

    def listed(**kw):
        return set(drilldown(leder, march, today=TODAY, **kw).participants)

    for section in ("flow", "ended", "matches", "guidance"):
        for x in data[section]:
            assert len(listed(tall=x["key"])) == x["n"], x["key"]
    for p in data["phases"]:
        assert len(listed(tall="fase", verdi=p["phase"])) == p["n"], p["phase"]
    for row in data["durations"]:
        assert len(listed(tall=row["figure"])) == row["n"], row["figure"]
    for row in data["followups"]:
        for kind in ("portefolje", "forfalt", "uke"):
            got = listed(tall="oppfolging", verdi=kind, hvem=str(row["veileder_id"]))
            assert len(got) == row[kind], (row["veileder_id"], kind)
    assert listed(tall="entered") == {world["b"], world["d"]}
    assert listed(tall="fagbrev") == {world["c"]}
    assert listed(tall="oppfolging", verdi="forfalt", hvem="") == {world["a"]}


def test_unknown_figures_are_refused(leder, world, march):
    for kw in (
        {"tall": "nope"},
        {"tall": "fase", "verdi": "nope"},
        {"tall": "oppfolging", "verdi": "nope"},
        {"tall": "oppfolging", "verdi": "forfalt", "hvem": "x"},
    ):
        with pytest.raises((KeyError, ValueError)):
            drilldown(leder, march, today=TODAY, **kw)


def test_a_cleared_leder_counts_the_protected_person(kontor, world, march):
    cleared = UserFactory(nav_kontor=kontor, roles=["leder"], clearances=["view_strengt_fortrolig"])
    data = overview(cleared, march, today=TODAY)
    assert {p["phase"]: p["n"] for p in data["phases"]}[M] == 2
    assert by_key(data["flow"])["entered"] == 3


def test_another_office_s_leder_sees_only_her_office(other_leder, world, march):
    data = overview(other_leder, march, today=TODAY)
    assert data["total"] == 1
    assert by_key(data["flow"]) == {
        "entered": 1,
        "moved_on": 1,
        "laretid": 0,
        "fagbrev": 0,
        "jobb": 0,
        "ended": 0,
    }
    assert by_key(data["matches"])["match_waiting"] == 1
    everyone = drilldown(other_leder, march, today=TODAY, tall="").participants
    assert set(everyone) == {world["other"]}


def test_admin_sees_every_office_or_one(admin_user, world, march, other_kontor):
    # Seven people; clearance is explicit (superuser status does not imply it), so the
    # protected person counts only once the administrator is cleared.
    assert overview(admin_user, march, today=TODAY)["total"] == 6
    admin_user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="participants",
            codename__in=["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"],
        )
    )
    admin_user = type(admin_user).objects.get(pk=admin_user.pk)
    everything = overview(admin_user, march, today=TODAY)
    assert everything["total"] == 7
    one = OverviewFilter(period=MARCH, nav_kontor_id=other_kontor.pk)
    assert overview(admin_user, one, today=TODAY)["total"] == 1


def test_nobody_else_gets_figures(veileder, markedsradgiver, world, march):
    for user in (veileder, markedsradgiver):
        assert overview(user, march, today=TODAY)["total"] == 0


@pytest.mark.parametrize(
    ("band", "expected"),
    [("15-21", {"b", "e"}), ("18-30", {"a", "b", "d"}), ("18-35", {"a", "b", "c", "d"})],
)
def test_age_bands(leder, world, band, expected):
    f = OverviewFilter(period=MARCH, age_band=band)
    got = set(drilldown(leder, f, today=TODAY, tall="").participants)
    assert got == {world[k] for k in expected}


def test_veileder_laerefag_and_period_filters(leder, world, colleague):
    by_colleague = OverviewFilter(period=MARCH, veileder_id=colleague.pk)
    assert set(drilldown(leder, by_colleague, today=TODAY, tall="").participants) == {
        world["c"],
        world["d"],
    }
    fag = world["a"].sluttkompetanse_id
    by_fag = OverviewFilter(period=MARCH, laerefag_id=fag)
    assert overview(leder, by_fag, today=TODAY)["total"] == 2
    from overview.filters import Period

    april = OverviewFilter(period=Period(d("2026-04-01"), d("2026-04-30")))
    assert by_key(overview(leder, april, today=TODAY)["flow"])["entered"] == 1  # E
