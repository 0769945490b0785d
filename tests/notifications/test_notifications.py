import re

import pytest
from django.urls import reverse

from core.exceptions import DomainError
from notifications.models import Notification
from notifications.selectors import unread_count
from notifications.services import notification_create, notification_mark_read

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")


def notify(user, key="k", text="Matchen er vurdert.", url="/"):
    return notification_create(recipient=user, kind="test", text=text, url=url, dedup_key=key)


def test_the_same_event_notifies_only_once(veileder):
    assert notify(veileder) is not None
    assert notify(veileder) is None
    assert Notification.objects.count() == 1


def test_the_same_key_may_notify_two_people(veileder, colleague):
    notify(veileder)
    notify(colleague)
    assert Notification.objects.count() == 2


def test_list_shows_only_own_notifications(client, veileder, colleague):
    notify(veileder, text="Til Vera")
    notify(colleague, text="Til Ola")
    client.force_login(veileder)
    page = client.get(LIST).content.decode()
    assert "Til Vera" in page and "Til Ola" not in page


def test_header_shows_the_unread_count(client, veileder):
    notify(veileder, key="a")
    notify(veileder, key="b")
    client.force_login(veileder)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert re.search(r"uleste: </span>2<", page)


def test_mark_one_read_and_open_its_page(client, veileder):
    note = notify(veileder, url=reverse("companies:list"))
    client.force_login(veileder)
    response = client.post(reverse("notifications:read", args=[note.uuid]), {"open": "1"})
    assert response["Location"] == reverse("companies:list")
    assert unread_count(veileder) == 0


def test_open_never_redirects_off_site(client, veileder):
    note = notify(veileder, url="https://example.com/")
    client.force_login(veileder)
    response = client.post(reverse("notifications:read", args=[note.uuid]), {"open": "1"})
    assert response["Location"] == LIST


def test_mark_all_read(client, veileder):
    notify(veileder, key="a")
    notify(veileder, key="b")
    client.force_login(veileder)
    client.post(reverse("notifications:read_all"))
    assert unread_count(veileder) == 0


def test_someone_elses_notification_is_not_there(client, veileder, colleague):
    note = notify(colleague)
    client.force_login(veileder)
    response = client.post(reverse("notifications:read", args=[note.uuid]))
    assert response.status_code == 404
    with pytest.raises(DomainError):
        notification_mark_read(actor=veileder, notification=note)
    assert unread_count(colleague) == 1


def test_list_query_count_is_the_same_for_10_and_50_rows(
    client, karriereveileder, django_assert_num_queries
):
    for i in range(60):
        notify(karriereveileder, key=str(i))
    client.force_login(karriereveileder)
    client.get(LIST)
    # session, user, count, rows, unread
    for size in (10, 50):
        with django_assert_num_queries(5):
            response = client.get(LIST, {"per_side": size})
        assert response.content.decode().count("/les/") == size
