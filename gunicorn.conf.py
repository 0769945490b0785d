"""gunicorn's settings, read by docker-compose's web service and by the benchmark.

One synchronous worker per core. Measured on the benchmark's 2-core machine at four
concurrent clients (bench/, 2026-11-25): two threads per worker raised the participant
page's p95 from 66 to 112 ms (the GIL), and four processes from 66 to 87 ms (PostgreSQL
shares the cores). WEB_CONCURRENCY overrides the count where more cores or more waiting
on I/O make more workers pay.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
threads = 1
worker_class = "sync"
# A slow PDF or overview must not be cut off; a stuck request still is.
timeout = 60

# The access log names the path without its query string (%(U)s, not %(r)s) and no Referer:
# NAV's rule is no fødselsnummer in a URL or a log, and a query string or a Referer may
# carry one from an old link. Searches themselves travel as POSTs (core.search), and
# ops.middleware logs each request as a JSON line besides.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'

# Prometheus: each worker process writes its figures to files here and any worker's
# /internal/metrics adds them up (prometheus-client's multiprocess mode).
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    if _metrics_dir:
        import shutil

        shutil.rmtree(_metrics_dir, ignore_errors=True)
        os.makedirs(_metrics_dir, exist_ok=True)


def child_exit(server, worker):
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
