"""The app's Prometheus metrics, defined once and observed where things happen.

Under gunicorn every worker is its own process; with PROMETHEUS_MULTIPROC_DIR set (the
NAIS manifests set it to a tmp dir) prometheus-client writes each process's values to
files there and the scrape adds them up, so any worker can answer /internal/metrics.
"""

from prometheus_client import Counter, Histogram

REQUEST_LATENCY = Histogram(
    "trondelag_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
REQUEST_QUERIES = Counter(
    "trondelag_db_queries_total",
    "Database queries made while answering requests, by view.",
    ["view"],
)
PDF_RENDER = Histogram(
    "trondelag_pdf_render_seconds",
    "Time WeasyPrint takes to lay out one PDF.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
AUDIT_ROWS = Counter(
    "trondelag_audit_rows_total",
    "Rows written to the sporingslogg, by action.",
    ["action"],
)
