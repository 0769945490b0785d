# "PARTICIPANT_SECTION" (no S): a contribution no app reads.
PARTICIPANT_SECTION = []
