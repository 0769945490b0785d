"""The fair floor: a bare WSGI function doing the least a page must do, without a framework.

Served by gunicorn with the same settings as the app (gunicorn.conf.py), on its own port:

    gunicorn bench.floor:application --config gunicorn.conf.py --bind 127.0.0.1:8766

Per request it reads the session row named by the ``sessionid`` cookie (404 without one, as
the app redirects), fetches the page's rows with one hand-written query through psycopg,
writes the audit row the page writes (list and detail pages; the overview writes none), and
returns HTML of the size the real page returned, built by string concatenation. What it
leaves out (templates, forms, middleware, permission objects, the ORM) is what the
framework costs; page p95 / floor p95 measured in the same run is the framework's factor.

The query and the page's size come in the query string (``q``: a name from ``QUERIES``,
``arg``: its one parameter, ``size``: bytes), so one server measures every page kind.
"""

import base64
import html
import json
import os
import zlib
from urllib.parse import parse_qs

CASELOAD_SQL = """
SELECT p.id, p.uuid, p.first_name, p.last_name, p.fodselsnummer, p.birth_date, p.innsatsgruppe,
       p.adressebeskyttelse, p.skjermet, k.name, l.name, u.name,
       count(*) OVER () AS total
FROM participants_participant p
JOIN accounts_navkontor k ON k.id = p.nav_kontor_id
LEFT JOIN participants_laerefag l ON l.id = p.sluttkompetanse_id
LEFT JOIN accounts_user u ON u.id = p.veileder_id
WHERE {scope} = %s AND p.adressebeskyttelse = '' AND NOT p.skjermet {extra}
ORDER BY {order}
LIMIT 50
"""
PARTICIPANT_SQL = """
SELECT p.*, k.name, u.name, l.name FROM participants_participant p
JOIN accounts_navkontor k ON k.id = p.nav_kontor_id
LEFT JOIN accounts_user u ON u.id = p.veileder_id
LEFT JOIN participants_laerefag l ON l.id = p.sluttkompetanse_id
WHERE p.uuid = %s AND p.veileder_id = %s
"""
OVERVIEW_SQL = """
SELECT phase, count(*) FROM participants_participant
WHERE anonymised_at IS NULL AND {where} GROUP BY phase
"""
QUEUE_SQL = """
SELECT m.participant_id, m.uuid, m.created_at, m.motivation, p.first_name, p.last_name,
       p.birth_date, c.name
FROM matching_match m
JOIN participants_participant p ON p.id = m.participant_id
JOIN companies_company c ON c.id = m.company_id
WHERE m.status = 'til_vurdering'
ORDER BY m.created_at, m.id
LIMIT 50
"""

# Min dag's floor: its one list that reads the caseload itself (follow-ups due within 7 days).
WORKDAY_SQL = """
SELECT p.id, p.uuid, p.first_name, p.last_name, p.next_followup_due
FROM participants_participant p
WHERE {scope} = %s AND p.anonymised_at IS NULL
  AND p.next_followup_due <= current_date + 7
ORDER BY p.next_followup_due, p.id
LIMIT 26
"""


def caseload_sql(scope: str, order: str, extra: str = "") -> str:
    return CASELOAD_SQL.format(scope=scope, order=order, extra=extra)


NAME = "p.last_name, p.first_name, p.id"
# name -> (sql, kind); kind says which audit row the real page writes.
QUERIES = {
    "caseload": (caseload_sql("p.veileder_id", NAME), "list"),
    "caseload_phase": (caseload_sql("p.veileder_id", NAME, "AND p.phase = 'praksis'"), "list"),
    "caseload_next_followup": (
        caseload_sql("p.veileder_id", "p.next_followup_due NULLS LAST, p.id"),
        "list",
    ),
    "caseload_search": (
        caseload_sql(
            "p.veileder_id",
            NAME,
            "AND (p.first_name ILIKE '%%han%%' OR p.last_name ILIKE '%%han%%')",
        ),
        "list",
    ),
    "office": (caseload_sql("p.nav_kontor_id", NAME), "list"),
    "workday": (WORKDAY_SQL.format(scope="p.veileder_id"), "list"),
    "workday_office": (WORKDAY_SQL.format(scope="p.nav_kontor_id"), "list"),
    "participant": (PARTICIPANT_SQL, "detail"),
    "review_queue": (QUEUE_SQL, "list"),
    "overview_office": (OVERVIEW_SQL.format(where="nav_kontor_id = %s"), "aggregate"),
    "overview_county": (OVERVIEW_SQL.format(where="%s::int IS NULL"), "aggregate"),
}

# The audit row, with the actor's ident, roles and office read in the same statement.
AUDIT_SQL = """
INSERT INTO audit_auditevent (created_at, actor_id, actor_ident, actor_roles, actor_office,
                              participant_id, action, what, participant_ids, ip, request_id, path)
SELECT now(), u.id, u.nav_ident,
       coalesce((SELECT string_agg(g.name, ',' ORDER BY g.name) FROM accounts_user_groups ug
                 JOIN auth_group g ON g.id = ug.group_id WHERE ug.user_id = u.id), ''),
       coalesce(k.enhetsnummer, ''), %s, %s, %s, %s, %s, '', %s
FROM accounts_user u LEFT JOIN accounts_navkontor k ON k.id = u.nav_kontor_id
WHERE u.id = %s
"""
SESSION_SQL = (
    "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > now()"
)

_conn = None


def connection():
    """One connection per worker process, kept open as the app keeps its (CONN_MAX_AGE)."""
    global _conn
    if _conn is None or _conn.closed:
        import psycopg

        _conn = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _conn


def session_user_id(data: str) -> int | None:
    """The user id in a Django session payload (signed, maybe compressed, base64 JSON).

    The row was found by its random key, as Django finds it; the floor skips checking the
    row's own signature, which only guards against a tampered database.
    """
    payload = data.split(":", 1)[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    if compressed:
        raw = zlib.decompress(raw)
    value = json.loads(raw).get("_auth_user_id")
    return int(value) if value else None


def cookie(environ, name: str) -> str | None:
    for part in environ.get("HTTP_COOKIE", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def application(environ, start_response):
    params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    conn = connection()
    key = cookie(environ, "sessionid")
    row = conn.execute(SESSION_SQL, [key]).fetchone() if key else None
    user_id = session_user_id(row[0]) if row else None
    if user_id is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no session"]
    sql, kind = QUERIES[params["q"]]
    arg = params.get("arg") or None
    args = [arg, user_id] if kind == "detail" else ([arg] if "%s" in sql else [])
    rows = conn.execute(sql, args).fetchall()
    path = environ.get("PATH_INFO", "")[:300]
    if kind == "list":
        ids = json.dumps([r[0] for r in rows])
        conn.execute(AUDIT_SQL, [None, "list", params["q"], ids, None, path, user_id])
    elif kind == "detail" and rows:
        conn.execute(AUDIT_SQL, [rows[0][0], "view", "", "[]", None, path, user_id])
    parts = ["<!doctype html><html lang=nb><body><main><table>"]
    for r in rows:
        parts.append("<tr>")
        for value in r:
            parts.append("<td>" + html.escape(str(value)) + "</td>")
        parts.append("</tr>")
    parts.append("</table></main></body></html>")
    body = "".join(parts).encode()
    size = int(params.get("size", 0))
    if len(body) < size:
        # Padding to the real page's size, so both send the same bytes.
        body = body[:-14] + b"<!--" + b"x" * (size - len(body) - 7) + b"-->" + body[-14:]
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]
