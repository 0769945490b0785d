"""The innsyn of a fully loaded case with a year of history, against a two-page one."""

import io
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from demo.full_case import load_year
from documents.innsyn import innsyn_json, innsyn_sections
from documents.render import render_pdf
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def pdf_of(participant) -> bytes:
    return render_pdf(
        "documents/innsyn.html",
        {
            "title": "Innsyn i egne opplysninger",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "office_name": participant.nav_kontor.name,
            "printed_at": timezone.now(),
        },
    )


def best_ms(participant, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        pdf_of(participant)
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_year_of_history_costs_the_same_queries_and_the_same_time_per_page(veileder):
    CompanyFactory.create_batch(3)
    LaerefagFactory()
    small = ParticipantFactory(veileder=veileder)
    assert pages(pdf_of(small)) <= 2
    loaded = load_year(ParticipantFactory(veileder=veileder), actor=veileder)
    doubled = load_year(ParticipantFactory(veileder=veileder), actor=veileder, scale=2)
    with CaptureQueriesContext(connection) as once:
        innsyn_json(loaded)
    with CaptureQueriesContext(connection) as twice:
        innsyn_json(doubled)
    assert len(twice.captured_queries) == len(once.captured_queries)

    # A year of follow-up is some sixteen pages of real content, and WeasyPrint's layout time
    # grows with the pages; what must not happen is a cost per page that runs away (a query
    # per row, a quadratic table). So: per page, within 3x of the two-page innsyn.
    best_ms(small, repeat=1)  # fonts and stylesheet loaded once
    small_ms, loaded_ms = best_ms(small), best_ms(loaded)
    small_pages, loaded_pages = pages(pdf_of(small)), pages(pdf_of(loaded))
    assert loaded_pages > small_pages
    assert loaded_ms / loaded_pages <= 3 * small_ms / small_pages
