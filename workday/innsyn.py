"""The huskelapp and fargekategori in the participant's innsyn (documents INNSYN_SECTIONS)."""

from documents.innsyn import Section

from .models import ParticipantMark


def mark_section(participant) -> list[Section]:
    mark = ParticipantMark.objects.filter(participant=participant).first()
    fields = []
    if mark is not None:
        fields = [
            ("Huskelapp", mark.note or "–"),
            ("Frist", mark.deadline.strftime("%d.%m.%Y") if mark.deadline else "–"),
            ("Fargekategori", mark.get_category_display() or "–"),
        ]
    return [
        Section(
            "Huskelapp og fargekategori (NAVs interne notat)",
            fields=fields,
            empty_text="Ingen huskelapp eller fargekategori.",
        )
    ]
