"""JobbLoop: her place in a loop and her mentors."""

from core.personal_data import Declaration, Keep, Wipe

DECLARATIONS = [
    Declaration(
        model="jobbloop.LoopCandidate",
        path="participant",
        title="JobbLoop",
        order=76,
        ordering=("loop__start_date", "id"),
        columns=(
            ("JobbLoop", "loop__name"),
            ("Oppstart", "loop__start_date"),
            ("Starter hos bedrift nr.", "start_position"),
            ("Gikk ut", "left_on"),
            ("Årsak", "get_left_reason_display"),
        ),
        anonymise=Keep("Plassen i loopen styrer rulleringen for de andre; ingen fritekst."),
    ),
    Declaration(
        model="jobbloop.Mentor",
        path="candidate__participant",
        title="JobbLoop: mentorer",
        order=77,
        ordering=("id",),
        columns=(
            ("JobbLoop", "candidate__loop__name"),
            ("Bedrift", "company__name"),
            ("Mentor", "name"),
            ("Telefon", "phone"),
        ),
        anonymise=Wipe(),
    ),
]
