"""How each fargekategori looks: a colour and a shape together, never colour alone."""

from core.html import e

from .models import Category

# (Aksel colour, shape glyph); the label names both for screen readers.
LOOKS: dict[str, tuple[str, str]] = {
    Category.BLA: ("info", "●"),
    Category.GRONN: ("success", "▲"),
    Category.GUL: ("meta-lime", "■"),
    Category.LILLA: ("meta-purple", "◆"),
    Category.ORANSJE: ("warning", "★"),
    Category.GRA: ("neutral", "⬢"),
}


def icon(key: str, *, decorative: bool = False) -> str:
    """The shape in its colour. Alone (in a caseload row) it is an image named by its
    label; ``decorative`` when the label is written beside it, so it is not read twice."""
    color, shape = LOOKS[key]
    label = e(Category(key).label)
    named = 'aria-hidden="true"' if decorative else f'role="img" aria-label="{label}"'
    return (
        f'<span class="app-category" data-category="{e(key)}" data-color="{e(color)}" '
        f'{named} title="{label}">{e(shape)}</span>'
    )
