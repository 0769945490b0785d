"""Small server-side SVG charts: no script, no inline style (the CSP forbids both).

Each bar carries its number as text, so the chart reads without colour; the page puts the
same figures in a table beside it for screen readers (the SVG is aria-hidden).
"""

from django.utils.html import format_html, format_html_join

ROW = 28
LABEL_W = 170
BAR_W = 320
NUMBER_W = 70


def bar_chart(rows: list[tuple[str, int]], *, funnel: bool = False):
    """Horizontal bars; ``funnel`` centres them, widest first stays on top."""
    top = max((value for _label, value in rows), default=0) or 1
    width = LABEL_W + BAR_W + NUMBER_W
    height = ROW * len(rows) + 4

    def bar(i, label, value):
        w = round(BAR_W * value / top)
        x = LABEL_W + ((BAR_W - w) // 2 if funnel else 0)
        y = 2 + i * ROW
        return (
            y + ROW // 2 + 5,
            label,
            x,
            y + 3,
            w,
            ROW - 6,
            (x + w + 6) if not funnel else LABEL_W + BAR_W + 6,
            y + ROW // 2 + 5,
            value,
        )

    bars = format_html_join(
        "",
        '<text x="0" y="{}" class="app-chart__label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="app-chart__bar"></rect>'
        '<text x="{}" y="{}" class="app-chart__value">{}</text>',
        (bar(i, label, value) for i, (label, value) in enumerate(rows)),
    )
    return format_html(
        '<svg class="app-chart" viewBox="0 0 {} {}" width="{}" height="{}" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        width,
        height,
        width,
        height,
        bars,
    )
