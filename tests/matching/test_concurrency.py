import threading

import pytest
from django.db import connection

from core.exceptions import DomainError
from matching import services
from matching.models import Match, MatchEvent, MatchStatus
from notifications.models import Notification
from tests.factories import MatchFactory, UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_markedsradgivere_deciding_at_once_give_one_decision(participant, kontor):
    match = MatchFactory(participant=participant, status=MatchStatus.TIL_VURDERING)
    deciders = [
        (UserFactory(nav_kontor=kontor, roles=["markedsradgiver"]), MatchStatus.GODKJENT, ""),
        (UserFactory(nav_kontor=kontor, roles=["markedsradgiver"]), MatchStatus.AVSLATT, "Nei"),
    ]
    barrier = threading.Barrier(len(deciders))
    outcomes = []

    def decide(actor, to_status, comment):
        try:
            barrier.wait(timeout=10)
            services.match_transition(
                actor=actor, match=match, to_status=to_status, comment=comment
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=args) for args in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Matchen er allerede vurdert.", "ok"]
    match = Match.objects.get(pk=match.pk)
    assert match.status in (MatchStatus.GODKJENT, MatchStatus.AVSLATT)
    event = MatchEvent.objects.get(match=match)
    assert (event.actor_id, event.to_status) == (match.decided_by_id, match.status)
    assert Notification.objects.filter(recipient=participant.veileder).count() == 1
