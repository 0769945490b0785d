from notifications.services import notification_create
from tests.matrix import LOGIN, NOT_ALLOWED, OK, row

ROWS = {
    "notifications:list": row(OK, anonymous=LOGIN),
    # Marking read is a POST; a GET changes nothing.
    "notifications:read": row(NOT_ALLOWED, anonymous=LOGIN),
    "notifications:read_all": row(NOT_ALLOWED, anonymous=LOGIN),
}


def url_kwargs(name, params, *, participant, personas):
    if "notification" in params:
        notification = notification_create(
            recipient=personas["veileder"],
            kind="test",
            text="En test",
            url="/",
            dedup_key="matrix",
        )
        return {"notification": notification.uuid}
    return {}
