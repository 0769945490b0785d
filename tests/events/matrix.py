import datetime

from tests.matrix import LOGIN, NOT_FOUND, OK, PARTICIPANT_PAGE, row

NAV_OFFICE = row(
    NOT_FOUND, anonymous=LOGIN, veileder=OK, colleague=OK, leder=OK, markedsradgiver=OK
)
ROWS = {
    "events:list": row(
        NOT_FOUND,
        anonymous=LOGIN,
        veileder=OK,
        colleague=OK,
        other_veileder=OK,
        leder=OK,
        other_leder=OK,
        markedsradgiver=OK,
    ),
    "events:create": row(
        NOT_FOUND,
        anonymous=LOGIN,
        veileder=OK,
        colleague=OK,
        other_veileder=OK,
        leder=OK,
        other_leder=OK,
        markedsradgiver=OK,
    ),
    # An event of the participant's office: that office's NAV users, not the other office.
    "events:detail": NAV_OFFICE,
    "events:alternatives": row(
        NOT_FOUND, anonymous=LOGIN, veileder=OK, colleague=OK, other_veileder=OK
    ),
    # Inviting her from her own page: who may change her (her veileder, the office's leder).
    "events:invite": PARTICIPANT_PAGE,
    # Her invitations, fetched when the section on her page opens: the page's rights.
    "events:participant_section": PARTICIPANT_PAGE,
}


def url_kwargs(name, params, *, participant, personas):
    if "event" not in params:
        return {}
    from events.models import Event

    event = Event.objects.filter(nav_kontor=participant.nav_kontor).first() or Event.objects.create(
        title="Kick-Off",
        date=datetime.date(2026, 12, 1),
        place="Trondheim",
        nav_kontor=participant.nav_kontor,
        organiser=participant.veileder,
    )
    return {"event": event.uuid}
