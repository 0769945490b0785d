import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from careerguidance.models import Appointment
from careerguidance.services import appointment_book
from core.exceptions import DomainError


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_bookings_at_once_for_the_third_place_give_one_third_session(veileder, participant):
    start = timezone.now() + datetime.timedelta(days=5)
    for i in range(2):
        appointment_book(
            participant=participant,
            actor=veileder,
            starts_at=start + datetime.timedelta(days=i),
            mode="telefon",
        )
    barrier = threading.Barrier(2)
    outcomes = []

    def book():
        try:
            barrier.wait(timeout=10)
            appointment_book(
                participant=participant, actor=veileder, starts_at=start, mode="digitalt"
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=book) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes)[1] == "ok" and "tre samtaler" in sorted(outcomes)[0]
    numbers = Appointment.objects.filter(participant=participant).values_list(
        "session_number", flat=True
    )
    assert sorted(numbers) == [1, 2, 3]
