"""CSV and Excel files of the overview: its figures, or the rows behind them."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value):
        return value


# OWASP's CSV injection rule: a cell starting with one of these is a formula to a
# spreadsheet, so text starting with one gets a leading quote and stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula, made plain text; other values as-is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return neutralise(value)


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    """Semicolon-separated UTF-8 with a BOM: what Excel in Norway opens without a wizard."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        for r in rows:
            yield writer.writerow([_cell(v) for v in r])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, sheet: str, header: list[str], rows: Iterable[list]):
    """Written row by row to a temporary file (constant memory), then streamed."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    # Strings stay strings: xlsxwriter's defaults would turn "=..." into a live formula and
    # "http://..." into a link.
    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "remove_timezone": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "dd.mm.yyyy"})
    ws = book.add_worksheet(sheet[:31])
    ws.write_row(0, 0, [neutralise(h) for h in header], bold)
    ws.freeze_panes(1, 0)
    for i, r in enumerate(rows, start=1):
        for j, value in enumerate(r):
            if value is None or value == "":
                continue
            if hasattr(value, "strftime"):
                ws.write_datetime(i, j, _as_datetime(value), date)
            elif isinstance(value, str):
                ws.write_string(i, j, neutralise(value))
            else:
                ws.write(i, j, value)
    book.close()
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


def _as_datetime(day):
    if isinstance(day, datetime.datetime):
        return day
    return datetime.datetime.combine(day, datetime.time.min)
