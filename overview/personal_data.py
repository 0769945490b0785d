"""What the overview holds about her: the days her figures were counted (aggregate.py)."""

from core.personal_data import Declaration, Keep

from .figures import FIGURES


def _figure_label(row) -> str:
    figure = FIGURES.get(row.figure)
    return figure.label if figure else row.figure


DECLARATIONS = [
    Declaration(
        model="overview.FigureDay",
        path="participant",
        title="Tall i ledernes oversikt",
        order=96,
        ordering=("day", "figure"),
        columns=(("Dag", "day"), ("Tall", _figure_label)),
        # Removed from the counts with her (aggregate.py), so the county's figures stay
        # equal to the direct ones until the next refresh rebuilds them.
        anonymise=Keep(
            "Radene er avledet av faseovergangene og fagbrevene, som beholdes for "
            "statistikken; de har bare tall og dag, ingen fritekst."
        ),
    ),
]
