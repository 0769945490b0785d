"""Innsyn (GDPR art. 15): everything the app holds about one participant.

Built from the apps' personal-data declarations (core.personal_data): one section per
declared model (and its history table), plus the derived sections (change history,
disclosures, who looked), in the order of her journey. Each table is read with one query,
so the copy costs the same number of queries however long her case is.
"""

from django.utils import timezone

from core.personal_data import (
    Section,
    declarations,
    derived_sections,
    rows_of,
    value_of,
)

__all__ = ["EMPTY", "Section", "innsyn_json", "innsyn_sections"]

# What the copy says for a value that is not there.
EMPTY = "–"


def _text(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if hasattr(value, "strftime"):
        return (
            timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            if hasattr(value, "hour")
            else value.strftime("%d.%m.%Y")
        )
    return str(value)


def _declared_section(declaration, participant) -> Section:
    if declaration.build is not None:
        return declaration.build(participant)
    labels = [label for label, _accessor in declaration.columns]
    rows = [
        [_text(value_of(obj, accessor)) for _label, accessor in declaration.columns]
        for obj in rows_of(declaration, participant)
    ]
    if declaration.single:
        fields = list(zip(labels, rows[0], strict=True)) if rows else []
        return Section(declaration.title, fields=fields)
    return Section(declaration.title, columns=labels, rows=rows)


def _history_section(declaration, participant) -> Section:
    """Earlier versions as what changed, when and by whom (not full copies: a year of small
    edits to a long form would repeat every field each time)."""
    records = list(rows_of(declaration, participant, history=True))
    fields = {f.name for f in declaration.history_model._meta.concrete_fields}
    labelled = [
        (label, accessor)
        for label, accessor in declaration.columns
        if isinstance(accessor, str) and "__" not in accessor and accessor in fields
    ]
    rows = []
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        if older is None:
            change = "Opprettet"
        else:
            change = "; ".join(
                f"{label}: «{_text(getattr(older, name))}» → «{_text(getattr(newer, name))}»"
                for label, name in labelled
                if getattr(older, name) != getattr(newer, name)
            )
        if change:
            who = newer.history_user.name if newer.history_user else "System"
            rows.append([_text(newer.history_date), who, change])
    return Section(declaration.history_title, columns=["Tidspunkt", "Av", "Endring"], rows=rows)


def innsyn_sections(participant) -> list[Section]:
    ordered: list[tuple[float, Section]] = []
    for declaration in declarations():
        ordered.append((declaration.order, _declared_section(declaration, participant)))
        if declaration.history_model is not None and declaration.history_title:
            ordered.append((declaration.order + 0.5, _history_section(declaration, participant)))
    for derived in derived_sections():
        ordered.append((derived.order, derived.build(participant)))
    ordered.sort(key=lambda pair: pair[0])
    sections = [section for _order, section in ordered]
    for section in sections:
        section.rows = [[_text(cell) for cell in row] for row in section.rows]
        section.fields = [(label, _text(value)) for label, value in section.fields]
    return sections


def innsyn_json(participant) -> dict:
    def as_dict(section: Section) -> dict:
        if section.fields:
            return {"tittel": section.title, "felter": dict(section.fields)}
        return {
            "tittel": section.title,
            "rader": [dict(zip(section.columns, row, strict=True)) for row in section.rows],
        }

    return {
        "deltaker": str(participant.uuid),
        "utskrevet": timezone.now().isoformat(),
        "seksjoner": [as_dict(s) for s in innsyn_sections(participant)],
    }
