"""The innsyn on paper: free text at the full width, short values in tables."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from core.personal_data import Section
from demo.full_case import SUMMARY, load_year
from documents.innsyn import innsyn_sections
from documents.render import render_pdf
from documents.templatetags.innsyn_print import TEXT_CHARS, as_records
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory

LONG = "Hun trives i praksis og har fått ansvar for varemottaket. " * 2


def test_short_values_print_as_a_table():
    section = Section("Sjekklister", columns=["Fase", "Oppgave"], rows=[["Praksis", "Avtale"]])
    assert as_records(section) is None


def test_free_text_prints_under_the_short_values_and_empty_ones_are_left_out():
    assert len(LONG) > TEXT_CHARS
    section = Section(
        "Møter",
        columns=["Dato", "Sted", "Referat"],
        rows=[["01.02.2026", "–", LONG], ["08.02.2026", "Hjemme", "Kort."]],
    )
    assert as_records(section) == [
        ([("Dato", "01.02.2026")], [("Referat", LONG)]),
        ([("Dato", "08.02.2026"), ("Sted", "Hjemme")], [("Referat", "Kort.")]),
    ]


def test_more_columns_than_a4_holds_print_as_records():
    columns = [f"Felt {n}" for n in range(8)]
    section = Section("Bred", columns=columns, rows=[["x"] * 8])
    assert as_records(section) == [(list(zip(columns, ["x"] * 8, strict=True)), [])]


@pytest.mark.django_db
def test_a_meeting_summary_prints_at_the_full_width(veileder):
    CompanyFactory.create_batch(3)
    LaerefagFactory()
    participant = load_year(ParticipantFactory(veileder=veileder), actor=veileder)
    pdf = render_pdf(
        "documents/innsyn.html",
        {
            "title": "Innsyn i egne opplysninger",
            "participant": participant,
            "sections": innsyn_sections(participant),
            "office_name": participant.nav_kontor.name,
            "printed_at": timezone.now(),
        },
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    start = text.index(SUMMARY[:15])
    lines = text[start : text.index(SUMMARY[-15:], start)].count("\n") + 1
    # At the full width its ~180 characters take two or three lines; in a table column a few
    # words wide they took ten or more, and a year of meetings four pages.
    assert lines <= 3
