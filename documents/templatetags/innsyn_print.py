"""How a section of the innsyn is laid out on paper.

A section of short values prints as a table. One with free text (a meeting's summary, a
dialogue message) or too many columns for A4 prints each row as a record: its short values
on one line, each text under it at the full width. In narrow table columns such text ran
to a word per line: a year of meetings filled four pages, and took the longest to lay out.
"""

from django import template

from documents.innsyn import EMPTY

register = template.Library()

# A value longer than this is read as text, not as a cell.
TEXT_CHARS = 80
# More columns than this do not fit A4 portrait at 9 pt.
TABLE_COLUMNS = 7


@register.filter
def as_records(section) -> list[tuple[list[tuple[str, str]], list[tuple[str, str]]]] | None:
    """The section's rows as (short fields, text fields), or None when it prints as a table."""
    if not section.rows:
        return None
    text_columns = {
        i
        for i in range(len(section.columns))
        if any(len(row[i]) > TEXT_CHARS for row in section.rows)
    }
    if not text_columns and len(section.columns) <= TABLE_COLUMNS:
        return None
    records = []
    for row in section.rows:
        filled = [
            (i, label, value)
            for i, (label, value) in enumerate(zip(section.columns, row, strict=True))
            if value != EMPTY
        ]
        records.append(
            (
                [(label, value) for i, label, value in filled if i not in text_columns],
                [(label, value) for i, label, value in filled if i in text_columns],
            )
        )
    return records
