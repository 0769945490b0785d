import pytest
from django.urls import reverse

from matching.models import MatchEvent, MatchStatus
from notifications.services import notification_create
from tests.factories import CompanyNeedFactory, MatchFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_for_companies_matches_and_notifications(client, admin_user, participant):
    need = CompanyNeedFactory()
    match = MatchFactory(participant=participant, company=need.company, status=MatchStatus.GODKJENT)
    MatchEvent.objects.create(
        match=match, actor=participant.veileder, to_status=MatchStatus.GODKJENT, comment="Bra"
    )
    notification_create(
        recipient=participant.veileder, kind="test", text="Hei", url="/", dedup_key="a"
    )
    client.force_login(admin_user)
    for name in [
        "admin:companies_company_changelist",
        "admin:companies_companyneed_changelist",
        "admin:matching_match_changelist",
        "admin:notifications_notification_changelist",
    ]:
        assert client.get(reverse(name), {"q": "a"}).status_code == 200, name
    change = client.get(reverse("admin:matching_match_change", args=[match.pk]))
    assert change.status_code == 200
    assert "Bra" in change.content.decode()
    company = client.get(reverse("admin:companies_company_change", args=[need.company.pk]))
    assert company.status_code == 200
