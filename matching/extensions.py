from participants.sections import Section

from .sections import participant_matches

PARTICIPANT_SECTIONS = [
    Section(order=40, template="matching/_participant_section.html", context=participant_matches)
]
