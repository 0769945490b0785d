"""status_counts keeps its compiled SQL per process: the counts still follow the data, and
whom the user may see is part of what the SQL is kept by."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from audit.models import AuditAction, AuditEvent
from participants.models import Adressebeskyttelse
from participants.selectors import Scope, caseload_base
from participants.statuses import _COMPILED, status_counts, statuses_for
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _counts(user):
    user = User.objects.get(pk=user.pk)  # a fresh user object, as each request has
    today = timezone.localdate()
    base = caseload_base(user, scope=Scope.MINE)
    return status_counts(base, statuses_for(Scope.MINE), user, today)


def test_kept_sql_counts_what_the_rows_are_now(veileder):
    seen, _unseen = ParticipantFactory.create_batch(2, veileder=veileder)
    _COMPILED.clear()
    assert _counts(veileder)["ny"] == 2
    assert len(_COMPILED) == 1
    AuditEvent.objects.create(
        actor=veileder, actor_ident=veileder.nav_ident, participant=seen, action=AuditAction.VIEW
    )
    assert _counts(veileder)["ny"] == 1
    assert len(_COMPILED) == 1


def test_a_clearance_given_is_counted_at_once(kontor):
    veileder = UserFactory(nav_kontor=kontor, roles=["veileder"])
    ParticipantFactory(veileder=veileder)
    ParticipantFactory(veileder=veileder, adressebeskyttelse=Adressebeskyttelse.FORTROLIG)
    assert _counts(veileder)["ny"] == 1
    veileder.user_permissions.add(
        Permission.objects.get(content_type__app_label="participants", codename="view_fortrolig")
    )
    assert _counts(veileder)["ny"] == 2


def test_another_user_gets_her_own_counts(veileder, colleague):
    ParticipantFactory(veileder=veileder)
    ParticipantFactory.create_batch(3, veileder=colleague)
    assert _counts(veileder)["ny"] == 1
    assert _counts(colleague)["ny"] == 3
    assert _counts(veileder)["ny"] == 1


def test_a_user_who_sees_no_one_counts_zeros(kontor):
    nobody = UserFactory(nav_kontor=kontor)  # no role: visible_q is empty
    ParticipantFactory()
    assert set(_counts(nobody).values()) == {0}
