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
# carry one from an old link. Searches themselves travel as POSTs (core.search).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
