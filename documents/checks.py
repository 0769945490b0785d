"""A warning at start-up when PDFs will be slow: fonts subset by fontTools, not HarfBuzz."""

from django.core import checks


def font_subsetter() -> str:
    """Which library WeasyPrint subsets embedded fonts with: "harfbuzz" or "fonttools"."""
    # Loading WeasyPrint loads Pango and HarfBuzz: only when the check runs.
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    # The same test WeasyPrint makes before it falls back to fontTools.
    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        return "harfbuzz"
    return "fonttools"


def check_font_subsetter(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if font_subsetter() == "harfbuzz":
        return []
    return [
        checks.Warning(
            "PDF-er lages om lag tre ganger saktere: WeasyPrint finner ikke HarfBuzz-subset "
            "og deler opp skriftene med fontTools.",
            hint="Installer libharfbuzz-subset0 (apt-get install libharfbuzz-subset0).",
            id="documents.W001",
        )
    ]
