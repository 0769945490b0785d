import pytest
from django.urls import reverse

from participants.models import Innsatsgruppe
from tests.factories import LaerefagFactory, NavKontorFactory, ParticipantFactory, give_consent

pytestmark = pytest.mark.django_db

URL = reverse("participants:caseload")


def rows(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def test_veileder_sees_her_own_caseload_only(client, veileder, colleague):
    mine = ParticipantFactory(veileder=veileder, first_name="Mine")
    ParticipantFactory(veileder=colleague, first_name="Kollegas")
    client.force_login(veileder)
    response = client.get(URL)
    assert rows(response) == [mine.full_name]
    assert "Min portefølje" in response.content.decode()


def test_empty_state_says_what_to_do(client, veileder):
    client.force_login(veileder)
    body = client.get(URL).content.decode()
    assert "Du har ingen deltakere i porteføljen ennå" in body


def test_fifty_a_page_and_the_next_page_has_the_rest(client, veileder):
    ParticipantFactory.create_batch(55, veileder=veileder)
    client.force_login(veileder)
    first = client.get(URL)
    assert len(rows(first)) == 50
    assert first.context["page"].paginator.count == 55
    assert len(rows(client.get(URL, {"side": 2}))) == 5


def test_query_count_is_the_same_for_10_and_50_rows(client, veileder, django_assert_num_queries):
    ParticipantFactory.create_batch(60, veileder=veileder, sluttkompetanse=LaerefagFactory())
    client.force_login(veileder)
    client.get(URL)  # warm the session
    # session, user, rows with their total (lærefag and kontor options
    # come from the cache warmed by the first request; the count rides with the rows)
    # +1: the unread-notifications count in the header (notifications app)
    # +1: the one sporingslogg row for the list (audit app)
    # +1: every status count in one aggregate (participants.statuses)
    # +1: the user's saved filters (workday; their counts are one more when she has any)
    for size in (10, 50):
        with django_assert_num_queries(7):
            response = client.get(URL, {"per_side": size})
        assert len(rows(response)) == size


def search(client, url, terms):
    """Searches are POSTed and land on ?s=<token> (core.search)."""
    return client.post(url, terms, follow=True)


def test_search_by_name_and_by_fodselsnummer(client, veileder):
    anna = ParticipantFactory(veileder=veileder, first_name="Anna", last_name="Grønli")
    ParticipantFactory(veileder=veileder, first_name="Bjørn", last_name="Lie")
    client.force_login(veileder)
    assert rows(search(client, URL, {"q": "grøn"})) == [anna.full_name]
    assert rows(search(client, URL, {"q": "anna grønli"})) == [anna.full_name]
    assert rows(search(client, URL, {"q": anna.fodselsnummer})) == [anna.full_name]
    assert anna.full_name in rows(search(client, URL, {"q": anna.fodselsnummer[:6]}))
    response = search(client, URL, {"q": "ingen-slik"})
    assert rows(response) == []
    assert "Ingen deltakere passer til søket" in response.content.decode()


def test_search_terms_never_in_the_url_and_the_token_pages_on(client, veileder):
    anna = ParticipantFactory(veileder=veileder, first_name="Anna")
    ParticipantFactory.create_batch(12, veileder=veileder, first_name="Anna")
    client.force_login(veileder)
    response = client.post(URL, {"q": anna.fodselsnummer})
    assert response.status_code == 302
    assert anna.fodselsnummer not in response["Location"] and "?s=" in response["Location"]
    token_url = response["Location"]
    assert rows(client.get(token_url)) == [anna.full_name]
    # A search term in the query string is ignored: the app never acts on it.
    assert len(rows(client.get(URL, {"q": anna.fodselsnummer}))) == 13
    by_name = client.post(URL, {"q": "anna"}, follow=True)
    page = client.get(by_name.redirect_chain[-1][0] + "&per_side=10&side=2")
    assert len(rows(page)) == 3
    assert 'href="?s=' in page.content.decode()
    assert "q=" not in page.content.decode().split("<tbody", 1)[0].split("</form>", 1)[1]


def test_an_unknown_or_expired_token_asks_to_search_again(client, veileder):
    ParticipantFactory(veileder=veileder)
    client.force_login(veileder)
    response = client.get(URL, {"s": "utgatt"})
    assert "Søket er utløpt" in response.content.decode()


def test_filters_innsatsgruppe_sluttkompetanse_and_office(client, veileder):
    helse = LaerefagFactory(name="Helsearbeiderfaget test")
    annet = NavKontorFactory()
    a = ParticipantFactory(
        veileder=veileder, innsatsgruppe=Innsatsgruppe.SITUASJONSBESTEMT, sluttkompetanse=helse
    )
    b = ParticipantFactory(
        veileder=veileder, innsatsgruppe=Innsatsgruppe.STANDARD, nav_kontor=annet
    )
    client.force_login(veileder)
    assert rows(client.get(URL, {"innsatsgruppe": "situasjonsbestemt"})) == [a.full_name]
    assert rows(client.get(URL, {"sluttkompetanse": helse.pk})) == [a.full_name]
    assert rows(client.get(URL, {"kontor": annet.pk})) == [b.full_name]


def test_sorting_by_name_both_ways(client, veileder):
    ParticipantFactory(veileder=veileder, last_name="Aas")
    ParticipantFactory(veileder=veileder, last_name="Øien")
    client.force_login(veileder)
    first = client.get(URL, {"sort": "navn"}).context["page"].object_list[0]
    last_first = client.get(URL, {"sort": "-navn"}).context["page"].object_list[0]
    assert first.last_name == "Aas"
    assert last_first.last_name == "Øien"


def test_bad_filter_values_are_ignored_not_a_500(client, veileder):
    ParticipantFactory(veileder=veileder)
    client.force_login(veileder)
    response = client.get(
        URL, {"innsatsgruppe": "tull", "sluttkompetanse": "x", "side": "abc", "per_side": "9999"}
    )
    assert response.status_code == 200


def test_htmx_search_returns_only_the_results_fragment(client, veileder):
    ParticipantFactory(veileder=veileder, first_name="Anna")
    client.force_login(veileder)
    response = client.post(
        URL, {"q": "Anna"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="caseload-results"
    )
    body = response.content.decode()
    assert "Anna" in body
    assert "<html" not in body
    assert response["HX-Push-Url"].startswith(URL + "?s=")


def test_leder_sees_the_whole_office_with_veileder_column(
    client, leder, veileder, colleague, other_veileder
):
    ParticipantFactory(veileder=veileder)
    ParticipantFactory(veileder=colleague)
    ParticipantFactory(veileder=other_veileder)
    client.force_login(leder)
    response = client.get(reverse("participants:office"))
    assert response.context["page"].paginator.count == 2
    assert "Veileder" in response.content.decode()


def test_office_page_query_count_is_fixed(client, leder, veileder, django_assert_num_queries):
    ParticipantFactory.create_batch(60, veileder=veileder)
    client.force_login(leder)
    client.get(reverse("participants:office"))
    # session, user, rows with their total (core.pagination.counted_page)
    # +1: the unread-notifications count in the header (notifications app)
    # +1: the one sporingslogg row for the list (audit app)
    # +1: every status count in one aggregate (participants.statuses)
    # +1: the user's saved filters (workday; their counts are one more when she has any)
    for size in (10, 50):
        with django_assert_num_queries(7):
            client.get(reverse("participants:office"), {"per_side": size})


def test_filters_by_phase_and_overdue_and_sorts_by_next_follow_up(client, veileder):
    import datetime

    from django.utils import timezone

    from participants.models import Phase

    today = timezone.localdate()
    late = ParticipantFactory(
        veileder=veileder, phase=Phase.PRAKSIS, next_followup_due=today - datetime.timedelta(days=3)
    )
    soon = ParticipantFactory(
        veileder=veileder, phase=Phase.PRAKSIS, next_followup_due=today + datetime.timedelta(days=2)
    )
    mapping = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    client.force_login(veileder)
    assert rows(client.get(URL, {"fase": "praksis", "sort": "navn"})) == sorted(
        [late.full_name, soon.full_name], key=lambda n: n.split()[-1]
    )
    overdue = client.get(URL, {"forfalt": "on"})
    assert rows(overdue) == [late.full_name]
    assert "Forfalt" in overdue.content.decode()
    assert rows(client.get(URL, {"sort": "neste_oppfolging"})) == [
        late.full_name,
        soon.full_name,
        mapping.full_name,
    ]


def test_leder_sees_overdue_follow_ups_of_the_whole_office(client, leder, veileder, colleague):
    import datetime

    from django.utils import timezone

    from participants.models import Phase

    today = timezone.localdate()
    a = ParticipantFactory(
        veileder=veileder, phase=Phase.PRAKSIS, next_followup_due=today - datetime.timedelta(days=1)
    )
    b = ParticipantFactory(
        veileder=colleague,
        phase=Phase.LARETID,
        next_followup_due=today - datetime.timedelta(days=9),
    )
    ParticipantFactory(
        veileder=colleague,
        phase=Phase.PRAKSIS,
        next_followup_due=today + datetime.timedelta(days=9),
    )
    client.force_login(leder)
    response = client.get(
        reverse("participants:office"), {"forfalt": "on", "sort": "neste_oppfolging"}
    )
    assert rows(response) == [b.full_name, a.full_name]


def test_rows_show_each_column_escaped_with_the_tags(client, cleared_veileder):
    import datetime
    import html

    from django.utils import timezone

    from consent.models import ConsentPurpose
    from participants.models import Adressebeskyttelse

    today = timezone.localdate()
    odd = ParticipantFactory(
        veileder=cleared_veileder,
        first_name='Å<b>"x"',
        last_name="O'Neil & Co",
        next_followup_due=today - datetime.timedelta(days=1),
        sluttkompetanse=LaerefagFactory(name="Testfag <og> prøve"),
    )
    protected = ParticipantFactory(
        veileder=cleared_veileder,
        adressebeskyttelse=Adressebeskyttelse.FORTROLIG,
        skjermet=True,
        next_followup_due=None,
    )
    give_consent(odd, cleared_veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    client.force_login(cleared_veileder)
    body = client.get(URL).content.decode()

    assert "<b>" not in body.split("<tbody", 1)[1]
    assert html.escape(f"{odd.last_name}, {odd.first_name}", quote=True) in body
    assert f'href="{reverse("participants:detail", args=[odd.uuid])}"' in body
    assert odd.masked_fodselsnummer in body and odd.fodselsnummer not in body
    assert odd.next_followup_due.strftime("%d.%m.%Y") + " " in body
    assert ">Forfalt</span>" in body
    assert 'title="Samtykke til deling med fylkeskommunen">Samtykke</span>' in body
    assert "Testfag &lt;og&gt; prøve" in body
    protected_row = body.split(protected.last_name, 1)[1].split("</tr>", 1)[0]
    assert f">{protected.get_adressebeskyttelse_display()}</span>" in protected_row
    assert ">Skjermet</span>" in protected_row
    assert ">–</td>" in protected_row  # no follow-up date


def test_office_rows_name_the_veileder_or_say_unassigned(client, leder, veileder):
    ParticipantFactory(nav_kontor=leder.nav_kontor, veileder=veileder, last_name="Tildelt")
    ParticipantFactory(nav_kontor=leder.nav_kontor, veileder=None, last_name="Ledig")
    client.force_login(leder)
    body = client.get(reverse("participants:office")).content.decode()
    assert body.split("Tildelt", 1)[1].split("</tr>", 1)[0].endswith(f">{veileder.name}</td>")
    assert body.split("Ledig", 1)[1].split("</tr>", 1)[0].endswith(">Ikke tildelt</td>")
