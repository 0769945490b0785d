"""The innsyn of a fully loaded case with a year of history, against a two-page one."""

import io

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


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_a_year_of_history_costs_the_same_queries(veileder):
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

    # Its time against the two-page innsyn is the benchmark's to measure (bench/run.py,
    # innsyn_year), not a unit test's; here: more pages, and the same queries.
    assert pages(pdf_of(loaded)) > pages(pdf_of(small))
