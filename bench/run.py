"""The benchmark: county scale (10^5 participants) and, with --national, 10^6.

    make bench                      # 100 000 participants, concurrency 4
    make bench BENCH_ARGS=--national

Loads deterministic data with seed_demo into its own PostgreSQL database, serves the app
with gunicorn on loopback, drives it with httpx after a warm-up, and times beside each page
the "floor": the same rows fetched by one hand-written SQL query through psycopg. Writes
bench/results.json and bench/results.md. Nothing here is tuned to a target.
"""

import argparse
import datetime
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-passord-123"
# The app's gunicorn and the floor's (the next port up); --port moves both.
PORT = 8765
FLOOR_PORT = PORT + 1
# The queue of the bench's own documents worker (start_documents_worker).
DOCUMENTS_QUEUE = "bench-documents"
# Requests the app's gunicorn has answered (logins, warm-ups and timed ones), so the memory
# figure can say after how many requests it was read.
SERVED = {"app": 0}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--national", action="store_true", help="also measure 1 000 000")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400, help="per page, after warm-up")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--broker", default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/3")
    )
    parser.add_argument(
        "--db-name", default="trondelag_bench", help="the county run's database (created if absent)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench",
        help="where results.json and results.md go; the README is updated only for bench/",
    )
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=10_000,
        help="requests the web workers serve before their memory is read (growth over the last half)",
    )
    # Internal: the national run happens in a child process, since Django configures once.
    parser.add_argument(
        "--port", type=int, default=PORT, help="the app's port; the floor's is the next one"
    )
    parser.add_argument("--caseload-only", metavar="OUT", help=argparse.SUPPRESS)
    return parser.parse_args()


def bench_env(db_url: str, broker: str) -> dict:
    env = os.environ.copy()
    env.update(
        DATABASE_URL=db_url,
        CELERY_BROKER_URL=broker,
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        # The bench's users log in with the demo passwords.
        PASSWORD_LOGIN="true",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
        # The web process asks, the bench's own worker renders (start_documents_worker).
        DOCUMENTS_QUEUE=DOCUMENTS_QUEUE,
    )
    return env


def ensure_database(server: str, name: str, participants: int, env: dict) -> float | None:
    """Create, migrate and seed the database unless it already holds this data set."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(f"{server}/{name}") as db:
        count = db.execute("SELECT count(*) FROM participants_participant").fetchone()[0]
        history = db.execute("SELECT count(*) FROM phases_phasetransition").fetchone()[0]
    # Seeded participants carry their path through the phases (about two rows each); an
    # older data set with one row per person is seeded again.
    seed_s = None
    if not (count == participants and history >= 2 * participants):
        started = time.monotonic()
        subprocess.run(
            [
                *manage,
                "seed_demo",
                "--participants",
                str(participants),
                "--seed",
                "2026",
                "--reset",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        seed_s = time.monotonic() - started
    # The county overview's aggregate, as beat leaves it each night (idempotent).
    subprocess.run([*manage, "refresh_overview"], cwd=ROOT, env=env, check=True)
    # Planner statistics, as autovacuum keeps them in production: where it is off (as on
    # this machine), a freshly seeded database is planned from guesses.
    with psycopg.connect(f"{server}/{name}", autocommit=True) as db:
        db.execute("ANALYZE")
    return seed_s


def setup_django(env: dict):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trondelag.settings")
    import django

    django.setup()


def prepare_users_and_matches():
    """Passwords for the measured users, and a review queue for the markedsrådgiver.

    The sporingslogg of earlier runs is emptied first: each run measures the seeded state,
    not the traffic of the run before (it grows the innsyn documents and audit searches).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    from django.db.models import Count

    from accounts.models import User
    from companies.models import Company
    from matching.models import Match, MatchStatus
    from participants.models import Participant

    veileder = (
        User.objects.filter(nav_ident__startswith="V")
        .annotate(n=Count("caseload"))
        .filter(n__gte=50)
        .order_by("nav_ident")
        .first()
    )
    leder = User.objects.get(nav_ident="L100000")
    markedsradgiver = User.objects.get(nav_ident="Z990020")
    admin = User.objects.get(nav_ident="Z990099")
    for user in (veileder, leder, markedsradgiver, admin):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    if not Match.objects.exists():
        companies = list(Company.objects.all()[:60])
        participants = Participant.objects.filter(nav_kontor=markedsradgiver.nav_kontor)[:500]
        Match.objects.bulk_create(
            Match(
                participant=p,
                company=companies[i % len(companies)],
                status=MatchStatus.TIL_VURDERING,
                motivation="Benchmark",
                proposed_by_id=p.veileder_id or veileder.pk,
            )
            for i, p in enumerate(participants)
        )
    return veileder, leder, markedsradgiver, admin


def start_gunicorn(
    env: dict, *, app: str = "trondelag.wsgi", port: int | None = None
) -> subprocess.Popen:
    """``app`` served with the production settings (workers, threads) on ``port``."""
    port = port or PORT
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            # The production settings (workers, threads) with the benchmark's own port.
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    import httpx

    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/internal/isalive", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def login(ident: str):
    import httpx

    client = httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=30)
    client.get("/logg-inn/")
    token = client.cookies.get("csrftoken")
    response = client.post(
        "/logg-inn/",
        data={"username": ident, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"http://127.0.0.1:{PORT}/logg-inn/"},
    )
    assert response.status_code == 302, f"login failed for {ident}: {response.status_code}"
    SERVED["app"] += 2
    return client


# A page written "/portefolje/?q=han" is a search: searches are POSTed and answered with a
# token address (core.search), never with the terms in the URL.
SEARCH = "?q="


def searched(client, path: str) -> str:
    """The address this client's search ``path`` is read at; other paths as they are."""
    if SEARCH not in path:
        return path
    url, query = path.split("?", 1)
    data = dict(parse_qsl(query))
    data["csrfmiddlewaretoken"] = client.cookies.get("csrftoken")
    response = client.post(
        url, data=data, headers={"Referer": str(client.base_url).rstrip("/") + url}
    )
    SERVED["app"] += 1
    assert response.status_code == 302, f"search {path}: {response.status_code}"
    return response.headers["location"]


def start_documents_worker(env: dict, log: Path) -> subprocess.Popen:
    """The Celery worker that renders documents asked for on a page (documents.tasks)."""
    return subprocess.Popen(
        worker_command(DOCUMENTS_QUEUE, loglevel="INFO"),
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def ask_for_pdf(client, participant_uuid) -> str:
    """Ask for the innsyn; returns its status page (the request that asks renders nothing)."""
    response = client.get(f"/deltakere/{participant_uuid}/innsyn.pdf")
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def wait_ready(client, status_url: str, *, timeout: float = 120) -> bytes:
    """Follow the status page until the worker has made the file, then download it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # What htmx asks each second; polled faster here so the time to ready is not rounded.
        if "PDF-en er klar" in client.get(status_url, headers={"HX-Request": "true"}).text:
            return client.get(status_url.rstrip("/") + "/last-ned/").content
        time.sleep(0.02)
    raise RuntimeError(f"document not ready: {status_url}")


def pdf_pages(client, participant_uuid) -> int:
    import io

    from pypdf import PdfReader

    content = wait_ready(client, ask_for_pdf(client, participant_uuid))
    return len(PdfReader(io.BytesIO(content)).pages)


def pdf_ready_ms(ident: str, uuids: list, *, repeat: int = 20) -> list[float]:
    """From the ask until the file is there, each time a fresh render (the stored documents
    are dropped first, or unchanged data would be served from the file)."""
    from documents.models import Document

    client = login(ident)
    timings = []
    for i in range(repeat):
        uuid = uuids[i % len(uuids)]
        Document.objects.filter(participant__uuid=uuid).delete()
        started = time.perf_counter()
        wait_ready(client, ask_for_pdf(client, uuid))
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def looked_at_on_past_days(veileder, uuids, *, days: int = 20) -> None:
    """A history of looks, as a case followed for some months has: her veileder opened each
    of ``uuids`` on ``days`` earlier days. The innsyn lists who looked one line per day, so
    these cases run to two pages, where a fresh seed (sporingslogg emptied) fits on one."""
    import datetime

    from django.utils import timezone

    from audit.models import AuditAction, AuditEvent
    from audit.services import _event
    from participants.models import Participant

    now = timezone.now()
    rows = []
    for participant in Participant.objects.filter(uuid__in=uuids):
        for day in range(1, days + 1):
            event = _event(veileder, action=AuditAction.VIEW, participant=participant)
            event.created_at = now - datetime.timedelta(days=day)
            rows.append(event)
    AuditEvent.objects.bulk_create(rows)


def two_page_innsyn(ident: str, candidates: list) -> tuple[list, int]:
    """Participants whose innsyn runs to two pages (the issue's two-page PDF), up to five.

    If none runs to two, the first candidate is timed and its page count reported as it is.
    """
    client = login(ident)
    found = [u for u in candidates if pdf_pages(client, u) == 2][:5]
    if found:
        return found, 2
    return candidates[:1], pdf_pages(client, candidates[0])


def innsyn_of_a_year(veileder, candidates: list, two_page_ready: list, args) -> dict:
    """The innsyn of a case with a year of history in every table that holds her data
    (demo.full_case), asked for and rendered by the worker like the two-page one; and the
    queries of her JSON copy against a case with twice the rows in every section."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from demo.full_case import load_year
    from participants.models import Participant

    year, doubled = (Participant.objects.get(uuid=u) for u in candidates[-2:])
    load_year(year, actor=veileder)
    load_year(doubled, actor=veileder, scale=2)
    pages = pdf_pages(login(veileder.nav_ident), year.uuid)
    ready = pdf_ready_ms(veileder.nav_ident, [year.uuid], repeat=max(3, args.requests // 100))
    local = Client()
    local.force_login(veileder)
    counts = []
    for p in (year, doubled):
        local.get(f"/deltakere/{p.uuid}/innsyn.json")
        with CaptureQueriesContext(connection) as ctx:
            local.get(f"/deltakere/{p.uuid}/innsyn.json")
        counts.append(len(ctx.captured_queries))
    return {
        "pages": pages,
        "ready_p50_ms": round(statistics.median(ready), 1),
        "ready_p95_ms": round(percentile(ready, 95), 1),
        "ratio_to_two_page": round(percentile(ready, 95) / percentile(two_page_ready, 95), 1),
        "queries": counts[0],
        "queries_twice_the_rows": counts[1],
    }


def font_subsetter() -> str:
    from documents.checks import font_subsetter

    return font_subsetter()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def load(
    ident: str,
    paths: list[str],
    *,
    requests: int,
    concurrency: int,
    port: int | None = None,
    status: int = 200,
) -> dict:
    """Closed loop: ``concurrency`` clients, each with its own session, after a warm-up.

    Each client logs in to the app; with ``port`` (the floor) it then sends that session's
    cookie there, so the floor reads a real session row.
    """
    to_floor = port is not None
    port = port or PORT
    clients = [login(ident) for _ in range(concurrency)]
    # A search's token lives in its client's session: each client makes its own. The floor
    # takes its query kind in "q" and has no search of its own.
    client_paths = [
        [path if to_floor else searched(client, path) for path in paths] for client in clients
    ]
    for client, own in zip(clients, client_paths, strict=True):
        client.base_url = f"http://127.0.0.1:{port}"
        for path in own[:5]:
            client.get(path)
    timings: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker(client, own):
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            started = time.perf_counter()
            response = client.get(own[i % len(own)])
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == status, response.status_code
            with lock:
                timings.append(elapsed)

    started = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(c, own))
        for c, own in zip(clients, client_paths, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if port == PORT:
        SERVED["app"] += len(timings) + len(clients) * len(paths[:5])
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "p99_ms": round(percentile(timings, 99), 1),
        "rps": round(len(timings) / wall, 1),
    }


def floor(sql: str, params_list: list[list], repeat: int = 200) -> float:
    """p50 of the same rows fetched by one hand-written query through psycopg."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        for params in params_list[:5]:
            conn.execute(sql, params).fetchall()
        timings = []
        for i in range(repeat):
            started = time.perf_counter()
            conn.execute(sql, params_list[i % len(params_list)]).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


from bench.celery_worker import worker_command  # noqa: E402
from bench.floor import QUERIES  # noqa: E402  (after ROOT is on the path)


def queries_per_request(user, path: str) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    if SEARCH in path:  # POSTed, then read at its token address (core.search)
        url, query = path.split("?", 1)
        path = client.post(url, dict(parse_qsl(query)))["Location"]
    sep = "&" if "?" in path else "?"
    counts = []
    for size in (10, 50):
        client.get(f"{path}{sep}per_side={size}")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{path}{sep}per_side={size}")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def purge_queue(queue: str) -> None:
    """Empty the bench's queue through Celery's own connection, so any broker the environment
    names (Redis, or the filesystem transport of a laptop) works."""
    from trondelag.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


def copy_floor_seconds(table: str) -> float:
    """The scan's floor: its rows written by one bare ``COPY`` into a fresh table of the same
    shape (columns, defaults, constraints, indexes), committed. The rows are read out first,
    untimed."""
    import psycopg

    scratch = "bench_copy_floor"
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        data = bytearray()
        with conn.cursor().copy(f"COPY (SELECT * FROM {table}) TO STDOUT") as copy:
            for chunk in copy:
                data += chunk
        conn.execute(f"DROP TABLE IF EXISTS {scratch}")
        conn.execute(f"CREATE TABLE {scratch} (LIKE {table} INCLUDING ALL)")
        try:
            started = time.perf_counter()
            with conn.transaction(), conn.cursor().copy(f"COPY {scratch} FROM STDIN") as copy:
                copy.write(bytes(data))
            return time.perf_counter() - started
        finally:
            conn.execute(f"DROP TABLE {scratch}")


def reminder_scan(env: dict) -> dict:
    """Time what the beat's scan task does: record every due reminder, then enqueue them."""
    from django.db import connection

    from reminders.models import Delivery
    from reminders.services import reminders_scan
    from reminders.tasks import enqueue

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reminders_delivery")
    from participants.models import Participant

    total = Participant.objects.count()
    started = time.perf_counter()
    result = reminders_scan()
    scan_s = time.perf_counter() - started
    queue = "bench-reminders"
    started = time.perf_counter()
    messages = enqueue(result.delivery_ids, queue=queue)
    enqueue_s = time.perf_counter() - started
    # A worker drains a slice of the queue so its memory is measured doing real work.
    worker = subprocess.Popen(
        worker_command(queue),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    drained = min(2000, len(result.delivery_ids))
    while time.monotonic() < deadline and Delivery.objects.filter(status="sent").count() < drained:
        time.sleep(1)
    celery_mb = peak_rss_mb(worker.pid)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    purge_queue(queue)
    copy_s = copy_floor_seconds(Delivery._meta.db_table)
    return {
        "participants": total,
        "seconds": round(scan_s + enqueue_s, 2),
        "copy_floor_seconds": round(copy_s, 2),
        "ratio_to_copy": round((scan_s + enqueue_s) / copy_s, 1) if copy_s else None,
        "record_seconds": round(scan_s, 2),
        "reminders": len(result.delivery_ids),
        "messages": messages,
        "enqueue_seconds": round(enqueue_s, 2),
        "enqueued_per_s": round(len(result.delivery_ids) / enqueue_s, 1) if enqueue_s else 0,
        "celery_worker_mb": celery_mb,
    }


def explain_caseload(veileder) -> str:
    from participants.selectors import CaseloadFilter, Scope, caseload

    return caseload(veileder, scope=Scope.MINE, filters=CaseloadFilter())[:50].explain(analyze=True)


def page_size_bytes(ident: str, path: str) -> int:
    client = login(ident)
    SERVED["app"] += 1
    return len(client.get(searched(client, path)).content)


def with_floor(stats: dict, name: str, user, paths: list[str], args, *, arg=None) -> dict:
    """Add the fair floor beside the bare SQL one: ``bench.floor`` under the same gunicorn
    settings, fetching the page's rows, writing its audit row, returning as many bytes.

    ``arg`` is the floor query's one parameter: a value, or a function of the page's path
    (the participant page's uuid)."""
    from urllib.parse import urlencode

    size = page_size_bytes(user.nav_ident, paths[0])
    floor_paths = [
        "/floor?"
        + urlencode({"q": name, "size": size, "arg": arg(path) if callable(arg) else arg or ""})
        for path in paths
    ]
    floor_stats = load(
        user.nav_ident,
        floor_paths,
        requests=args.requests,
        concurrency=args.concurrency,
        port=FLOOR_PORT,
    )
    stats["wsgi_floor_p50_ms"] = floor_stats["p50_ms"]
    stats["wsgi_floor_p95_ms"] = floor_stats["p95_ms"]
    stats["ratio_to_wsgi_floor"] = round(stats["p95_ms"] / floor_stats["p95_ms"], 1)
    stats["bytes"] = size
    return stats


def bare_render_ms(participant_uuid, *, repeat: int = 20) -> list[float]:
    """The innsyn PDF rendered alone: its HTML made once, then only WeasyPrint, timed."""
    from django.template.loader import render_to_string
    from django.utils import timezone
    from weasyprint import HTML

    from documents.innsyn import innsyn_sections
    from documents.render import BASE_URL, _fetcher, _fonts, _stylesheet
    from participants.models import Participant

    participant = Participant.objects.select_related("nav_kontor").get(uuid=participant_uuid)
    html = render_to_string(
        "documents/innsyn.html",
        {
            "title": "Innsyn i egne opplysninger",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "office_name": participant.nav_kontor.name,
            "printed_at": timezone.now(),
        },
    )
    timings = []
    for i in range(repeat + 2):
        started = time.perf_counter()
        HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf(
            stylesheets=[_stylesheet()], font_config=_fonts(), pdf_variant="pdf/ua-1"
        )
        if i >= 2:  # the first two load fonts and the stylesheet
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def memory_after(server, veileder, mine: list, total: int, concurrency: int) -> dict:
    """Drive the web workers to ``total`` requests served (counting all measured so far) on a
    mix of list and participant pages; read their memory at half way and at the end."""
    mix = ["/portefolje/", "/portefolje/?fase=praksis", *[f"/deltakere/{u}/" for u in mine[:20]]]
    readings = []
    for target in (total // 2, total):
        remaining = target - SERVED["app"]
        if remaining > 0:
            load(veileder.nav_ident, mix, requests=remaining, concurrency=concurrency)
        readings.append({pid: rss_mb(pid) for pid in children(server.pid)})
    half, end = readings
    return {
        "web_worker_after_10k": max(end.values(), default=0),
        # A worker gunicorn replaced meanwhile has no half-way reading and counts from zero.
        "web_worker_growth_last_5k": round(
            max((mb - half.get(pid, mb) for pid, mb in end.items()), default=0), 1
        ),
        "web_requests_served": SERVED["app"],
    }


def measure(args, participants: int, db_name: str, *, full: bool) -> dict:
    db_url = f"{args.database}/{db_name}"
    env = bench_env(db_url, args.broker)
    seed_s = ensure_database(args.database, db_name, participants, env)
    setup_django(env)
    from django.db import connections

    for conn in connections.all():
        conn.close()
    veileder, leder, markedsradgiver, admin = prepare_users_and_matches()
    from participants.models import Participant

    all_mine = list(
        Participant.objects.filter(veileder=veileder, adressebeskyttelse="", skjermet=False)
        .order_by("pk")
        .values_list("uuid", flat=True)
    )
    mine = all_mine[:50]
    server = start_gunicorn(env)
    floor_server = (
        start_gunicorn(env, app="bench.floor:application", port=FLOOR_PORT) if full else None
    )
    results: dict = {"seed_seconds": round(seed_s, 1) if seed_s else None, "pages": {}}
    try:
        pages = {
            "caseload": (veileder, ["/portefolje/"], veileder.pk),
            "caseload_phase": (veileder, ["/portefolje/?fase=praksis"], veileder.pk),
            "caseload_next_followup": (
                veileder,
                ["/portefolje/?sort=neste_oppfolging"],
                veileder.pk,
            ),
            "caseload_search": (veileder, ["/portefolje/?q=han"], veileder.pk),
            "office": (leder, ["/kontor/deltakere/"], leder.nav_kontor_id),
            # Min dag (issue 22): the start page of the veileder and of the leder.
            "workday": (veileder, ["/min-dag/"], veileder.pk),
            "workday_office": (leder, ["/min-dag/"], leder.nav_kontor_id),
        }
        if not full:
            pages = {"caseload": pages["caseload"]}
        if full:
            # First, while her sporingslogg is short: later list pages add to her innsyn.
            looked_at_on_past_days(veileder, all_mine[:5])
            args.out.mkdir(parents=True, exist_ok=True)
            documents_worker = start_documents_worker(env, args.out / "documents-worker.log")
            try:
                timed, pdf_page_count = two_page_innsyn(veileder.nav_ident, all_mine)
                # The request that asks: it answers with the status page, the worker renders.
                pdf = load(
                    veileder.nav_ident,
                    [f"/deltakere/{u}/innsyn.pdf" for u in timed],
                    requests=max(40, args.requests // 5),
                    concurrency=args.concurrency,
                    status=302,
                )
                ready = pdf_ready_ms(veileder.nav_ident, timed)
                year = innsyn_of_a_year(veileder, all_mine, ready, args)
            finally:
                documents_worker.send_signal(signal.SIGTERM)
                documents_worker.wait(timeout=30)
                purge_queue(DOCUMENTS_QUEUE)
            bare = bare_render_ms(timed[0])
            results["pdf"] = {
                "document": "innsyn",
                "pages": pdf_page_count,
                "participants_timed": len(timed),
                "p50_ms": pdf["p50_ms"],
                "p95_ms": pdf["p95_ms"],
                "rps": pdf["rps"],
                # Asked for on the page, rendered by a worker: the ask's own time above, and
                # from the ask until the file is there (polling the status page) here.
                "ready_p50_ms": round(statistics.median(ready), 1),
                "ready_p95_ms": round(percentile(ready, 95), 1),
                "bare_render_p95_ms": round(percentile(bare, 95), 1),
                "ready_ratio_to_bare": round(percentile(ready, 95) / percentile(bare, 95), 1),
                "font_subsetter": font_subsetter(),
            }
            results["pdf"]["year"] = year
        for name, (user, paths, value) in pages.items():
            stats = load(
                user.nav_ident, paths, requests=args.requests, concurrency=args.concurrency
            )
            stats["floor_ms"] = floor(QUERIES[name][0], [[value]])
            stats["ratio_to_floor"] = round(stats["p50_ms"] / stats["floor_ms"], 1)
            if full:
                with_floor(stats, name, user, paths, args, arg=value)
            stats["queries_at_10"], stats["queries_at_50"] = queries_per_request(user, paths[0])
            results["pages"][name] = stats
        if full:
            paths = [f"/deltakere/{u}/" for u in mine]
            stats = load(
                veileder.nav_ident, paths, requests=args.requests, concurrency=args.concurrency
            )
            stats["floor_ms"] = floor(QUERIES["participant"][0], [[u, veileder.pk] for u in mine])
            stats["ratio_to_floor"] = round(stats["p50_ms"] / stats["floor_ms"], 1)
            with_floor(stats, "participant", veileder, paths, args, arg=lambda p: p.split("/")[2])
            stats["queries"] = queries_per_request(veileder, f"/deltakere/{mine[0]}/")[0]
            results["pages"]["participant"] = stats
            stats = load(
                markedsradgiver.nav_ident,
                ["/vurdering/"],
                requests=args.requests,
                concurrency=args.concurrency,
            )
            stats["floor_ms"] = floor(QUERIES["review_queue"][0], [[]])
            stats["ratio_to_floor"] = round(stats["p50_ms"] / stats["floor_ms"], 1)
            with_floor(stats, "review_queue", markedsradgiver, ["/vurdering/"], args)
            stats["queries_at_10"], stats["queries_at_50"] = queries_per_request(
                markedsradgiver, "/vurdering/"
            )
            results["pages"]["review_queue"] = stats
            # The overview: the leder's office, and all of Trøndelag for the administrator.
            # Its SQL floor is the funnel alone (one GROUP BY); the page runs about fifteen.
            for name, user, value in (
                ("overview_office", leder, leder.nav_kontor_id),
                ("overview_county", admin, None),
            ):
                stats = load(
                    user.nav_ident,
                    ["/oversikt/"],
                    requests=max(40, args.requests // 5),
                    concurrency=args.concurrency,
                )
                stats["floor_ms"] = floor(QUERIES[name][0], [[value]])
                stats["ratio_to_floor"] = round(stats["p50_ms"] / stats["floor_ms"], 1)
                with_floor(stats, name, user, ["/oversikt/"], args, arg=value)
                stats["queries"] = queries_per_request(user, "/oversikt/")[0]
                # One user alone: what a leder opening the page waits, without queueing.
                alone = load(user.nav_ident, ["/oversikt/"], requests=30, concurrency=1)
                stats["single_client_p50_ms"] = alone["p50_ms"]
                stats["single_client_p95_ms"] = alone["p95_ms"]
                results["pages"][name] = stats
            caseload_p95 = results["pages"]["caseload"]["p95_ms"]
            county = results["pages"]["overview_county"]
            county["ratio_to_caseload"] = round(county["p95_ms"] / caseload_p95, 1)
            results["pdf"]["request_ratio_to_caseload"] = round(
                results["pdf"]["p95_ms"] / caseload_p95, 1
            )
        workers = children(server.pid)
        results["memory_mb"] = {"web_worker": max((peak_rss_mb(p) for p in workers), default=0)}
        if full:
            results["memory_mb"].update(
                memory_after(server, veileder, mine, args.memory_requests, args.concurrency)
            )
        results["explain_caseload"] = explain_caseload(veileder)
        if full:
            scan = reminder_scan(env)
            results["memory_mb"]["celery_worker"] = scan.pop("celery_worker_mb")
            results["reminder_scan"] = scan
            from bench.delivery import reminder_delivery

            results["reminder_delivery"] = reminder_delivery(env)
    finally:
        for proc in (server, floor_server):
            if proc is not None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)
    return results


def web_settings() -> dict:
    """The worker settings gunicorn.conf.py gives on this machine."""
    import runpy

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {"workers": conf["workers"], "threads": conf["threads"]}


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem_gb} GiB, {platform.system()} {platform.machine()}, Python {platform.python_version()}, {pg}"


def markdown(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}; {results['participants']:,} participants, "
        f"concurrency {results['concurrency']}, gunicorn {results['web']['workers']} sync workers "
        f"× {results['web']['threads']} thread (gunicorn.conf.py), PostgreSQL on loopback.",
        "",
        "Absolute milliseconds vary from machine to machine (and with other work on it); the "
        "ratios, each measured against floors timed in the same run, are the targets.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | req/s | SQL floor ms | page/SQL floor (p50) "
        "| WSGI floor p95 ms | page/WSGI floor (p95) | queries (10 / 50 rows) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results["pages"].items():
        queries = (
            f"{s['queries_at_10']} / {s['queries_at_50']}"
            if "queries_at_10" in s
            else str(s.get("queries", ""))
        )
        lines.append(
            f"| {name} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['rps']} "
            f"| {s['floor_ms']} | {s['ratio_to_floor']} | {s.get('wsgi_floor_p95_ms', '')} "
            f"| {s.get('ratio_to_wsgi_floor', '')} | {queries} |"
        )
    county = results["pages"].get("overview_county", {})
    if "ratio_to_caseload" in county:
        lines.append(f"\nCounty overview p95 / caseload p95: {county['ratio_to_caseload']}.")
    for name, s in results["pages"].items():
        if "single_client_p50_ms" in s:
            lines.append(
                f"\n{name} with one client at a time (no queueing): p50 {s['single_client_p50_ms']} ms, "
                f"p95 {s['single_client_p95_ms']} ms."
            )
    if "pdf" in results:
        d = results["pdf"]
        lines += [
            "",
            f"PDF ({d['document']}, {d['pages']} page(s)), asked for on the page and rendered by a "
            f"Celery worker: the request that asks p50 {d['p50_ms']} ms, p95 {d['p95_ms']} ms "
            f"(fonts subset by {d.get('font_subsetter', 'fontTools')}); "
            f"the request / caseload p95: {d.get('request_ratio_to_caseload')}. Ready after "
            f"p95 {d.get('ready_p95_ms')} ms against {d.get('bare_render_p95_ms')} ms for the same "
            f"PDF rendered alone in a bare WeasyPrint call: {d.get('ready_ratio_to_bare')}×.",
        ]
        if "year" in d:
            y = d["year"]
            lines.append(
                f"\nInnsyn of a case with a year of history in every table ({y['pages']} pages): "
                f"ready p50 {y['ready_p50_ms']} ms, p95 {y['ready_p95_ms']} ms, "
                f"{y['ratio_to_two_page']}× the two-page innsyn; {y['queries']} queries, {y['queries_twice_the_rows']} with "
                "twice the rows in every section."
            )
    if "reminder_scan" in results:
        r = results["reminder_scan"]
        lines += [
            "",
            f"Reminder scan over {r['participants']:,} participants: {r['seconds']} s in all "
            f"({r['record_seconds']} s recording {r['reminders']:,} reminders, "
            f"{r['enqueue_seconds']} s enqueueing them in {r['messages']:,} messages: "
            f"{r['enqueued_per_s']:,} reminders per second); a bare COPY of as many rows into a "
            f"table of the same shape took {r.get('copy_floor_seconds')} s "
            f"(scan / COPY: {r.get('ratio_to_copy')}).",
        ]
    if "reminder_delivery" in results:
        r = results["reminder_delivery"]
        lines += [
            "",
            f"Reminder delivery end to end (scan, broker, {r['worker_processes']} worker "
            f"process(es), SMTP into a sink): {r['delivered']:,} of {r['reminders']:,} reminders "
            f"in {r['seconds']} s, {r['per_second']:,} per second.",
        ]
    mem = results.get("memory_mb", {})
    lines += [
        "",
        f"Peak memory: web worker {mem.get('web_worker')} MB, Celery worker {mem.get('celery_worker')} MB. "
        f"Web worker RSS after {mem.get('web_requests_served')} requests: "
        f"{mem.get('web_worker_after_10k')} MB, grown {mem.get('web_worker_growth_last_5k')} MB "
        "over the second half.",
    ]
    if "national" in results:
        n = results["national"]
        lines += [
            "",
            f"National scale ({n['participants']:,} participants): caseload p95 {n['caseload_p95_ms']} ms "
            f"({n['ratio_to_county']}× the county figure).",
        ]
    for missing in results.get("not_measured", []):
        lines.append(f"- Not measured yet: {missing}")
    return "\n".join(lines) + "\n"


def main():
    global PORT, FLOOR_PORT
    args = parse_args()
    PORT, FLOOR_PORT = args.port, args.port + 1
    if args.caseload_only:
        national = measure(args, args.participants, "trondelag_bench_national", full=False)
        Path(args.caseload_only).write_text(json.dumps(national))
        return
    county = measure(args, args.participants, args.db_name, full=True)
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "participants": args.participants,
        "concurrency": args.concurrency,
        "web": web_settings(),
        **county,
    }
    if args.national:
        out_file = ROOT / "var" / "bench-national.json"
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--participants",
                "1000000",
                "--concurrency",
                str(args.concurrency),
                "--requests",
                str(args.requests),
                "--port",
                str(args.port),
                "--caseload-only",
                str(out_file),
            ],
            check=True,
        )
        national = json.loads(out_file.read_text())
        p95 = national["pages"]["caseload"]["p95_ms"]
        results["national"] = {
            "participants": 1_000_000,
            "caseload_p95_ms": p95,
            "ratio_to_county": round(p95 / results["pages"]["caseload"]["p95_ms"], 2),
            "seed_seconds": national["seed_seconds"],
            "explain_caseload": national["explain_caseload"],
        }
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(markdown(results))
    print(markdown(results))
    if out.resolve() == (ROOT / "bench").resolve():
        _update_readme(markdown(results))


def _update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        text = re.sub(f"{start}.*?{end}", f"{start}\n{table}{end}", text, flags=re.S)
        readme.write_text(text)


if __name__ == "__main__":
    main()
