"""HTML templates to PDF with WeasyPrint, safely.

The fetcher serves only the project's own static files: no network, no file paths, no
data from user input can make WeasyPrint read anything else. Fonts and the print
stylesheet are loaded once per process.
"""

import functools
import threading
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.metrics import PDF_RENDER

STATIC_SCHEME = "static"
BASE_URL = f"{STATIC_SCHEME}:///"


class StaticOnlyFetcher(URLFetcher):
    """Resolves ``static:///css/print.css`` through Django's staticfiles finders; refuses all else."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != STATIC_SCHEME:
            raise ValueError(f"Blocked resource outside static files: {url[:80]}")
        relative = unquote(parsed.path).lstrip("/")
        if not relative or ".." in relative.split("/"):
            raise ValueError(f"Blocked static path: {relative[:80]}")
        path = finders.find(relative)
        if not path:
            raise ValueError(f"No such static file: {relative[:80]}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = "text/css" if relative.endswith(".css") else "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


@functools.cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _fetcher() -> StaticOnlyFetcher:
    return StaticOnlyFetcher()


@functools.cache
def _stylesheet() -> CSS:
    return CSS(url=f"{BASE_URL}css/print.css", url_fetcher=_fetcher(), font_config=_fonts())


# One layout at a time per process: the font configuration and stylesheet are shared, and
# Pango/fontconfig under WeasyPrint are not safe across threads (runserver is threaded, and
# so was gunicorn here once: concurrent PDFs printed GLib heap-corruption warnings).
_LAYOUT = threading.Lock()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to a tagged PDF (PDF/UA-1), A4, with page numbers."""
    return render_html(render_to_string(template_name, context))


def render_html(html: str) -> bytes:
    """Lay out HTML from one of our print templates (a worker does it for stored documents)."""
    with _LAYOUT, PDF_RENDER.time():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
        return document.write_pdf(
            stylesheets=[_stylesheet()],
            font_config=_fonts(),
            pdf_variant="pdf/ua-1",
        )
