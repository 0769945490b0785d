"""The benchmark itself runs end to end, small: seed, serve, measure, scan, write its results.

The real run (10^5 and 10^6 participants) takes many minutes and lives in ``make bench``;
this one uses its own database and output folder so the README's figures stay untouched.
"""

import json
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]
PAGES = (
    "caseload",
    "caseload_phase",
    "caseload_next_followup",
    "caseload_search",
    "office",
    "participant",
    "review_queue",
    "overview_office",
    "overview_county",
)


@pytest.fixture
def server() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"


def test_a_small_benchmark_measures_everything_the_issue_asks(server, tmp_path):
    db_name = f"trondelag_bench_test_{uuid.uuid4().hex[:8]}"
    try:
        done = subprocess.run(
            [
                sys.executable,
                "bench/run.py",
                "--participants",
                "4000",
                "--requests",
                "12",
                "--concurrency",
                "2",
                "--database",
                server,
                "--broker",
                settings.CELERY_BROKER_URL,
                "--db-name",
                db_name,
                "--out",
                str(tmp_path),
                "--memory-requests",
                "600",
            ],
            cwd=ROOT,
            check=False,
            capture_output=True,
            timeout=600,
        )
        # The bench's own words when it fails, not only its exit status.
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')

    results = json.loads((tmp_path / "results.json").read_text())
    assert results["participants"] == 4000
    for name in PAGES:
        page = results["pages"][name]
        assert 0 < page["p50_ms"] <= page["p95_ms"] <= page["p99_ms"], name
        assert page["rps"] > 0 and page["floor_ms"] > 0, name
        # The fair floor: bench/floor.py under the same gunicorn settings.
        assert page["wsgi_floor_p95_ms"] > 0 and page["bytes"] > 0, name
        assert page["ratio_to_wsgi_floor"] == round(page["p95_ms"] / page["wsgi_floor_p95_ms"], 1)
        if "queries_at_10" in page:
            assert page["queries_at_10"] == page["queries_at_50"], name
    county = results["pages"]["overview_county"]
    assert county["ratio_to_caseload"] > 0
    scan = results["reminder_scan"]
    assert scan["participants"] == 4000 and scan["reminders"] > 0 and scan["enqueued_per_s"] > 0
    assert scan["copy_floor_seconds"] > 0 and scan["ratio_to_copy"] > 0
    delivery = results["reminder_delivery"]
    assert delivery["complete"] and delivery["delivered"] == delivery["reminders"] > 0
    assert delivery["emails_received"] > 0 and delivery["per_second"] > 0
    pdf = results["pdf"]
    assert pdf["pages"] == 2 and pdf["p50_ms"] > 0
    assert pdf["request_ratio_to_caseload"] > 0 and pdf["ready_p95_ms"] > 0
    assert pdf["bare_render_p95_ms"] > 0 and pdf["ready_ratio_to_bare"] > 0
    year = pdf["year"]
    assert year["pages"] > pdf["pages"] and year["ratio_to_two_page"] > 0
    assert year["queries"] == year["queries_twice_the_rows"]
    memory = results["memory_mb"]
    assert memory["web_worker"] > 0 and memory["celery_worker"] > 0
    assert memory["web_worker_after_10k"] > 0 and memory["web_requests_served"] >= 600
    assert "web_worker_growth_last_5k" in memory
    assert "Index" in results["explain_caseload"]
    table = (tmp_path / "results.md").read_text()
    assert "| caseload |" in table and "WSGI floor" in table
