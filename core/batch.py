"""Several querysets fetched in one round trip to the database.

A page made of many short lists (Min dag: ten of them) spends most of its database time on
round trips, not on the queries: on a busy machine each one waits its turn. On PostgreSQL
the lists go as one multi-statement query (Django's client-side binding cursor allows it)
and each queryset is then built from its own result set by Django's own iterable, as if it
had run alone. Elsewhere (SQLite) each queryset is simply evaluated in turn.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def fetch_together(*querysets) -> None:
    """Evaluate ``querysets`` (of one database) at once; iterate them afterwards as usual."""
    pending = [qs for qs in querysets if qs._result_cache is None]
    if not pending:
        return
    using = pending[0].db
    connection = connections[using]
    if connection.vendor != "postgresql" or any(qs.db != using for qs in pending):
        for qs in pending:
            qs._fetch_all()
        return
    compiled = []
    for qs in pending:
        compiler = qs.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # nothing can match: no statement, no rows
            sql, params = None, ()
        compiled.append((qs, compiler, sql, params))
    statements = [(sql, params) for _qs, _c, sql, params in compiled if sql]
    results = []
    if statements:
        with connection.cursor() as cursor:
            cursor.execute(
                ";\n".join(sql for sql, _params in statements),
                [p for _sql, params in statements for p in params],
            )
            while True:
                results.append(cursor.fetchall())
                if not cursor.nextset():
                    break
    results.reverse()
    for qs, compiler, sql, _params in compiled:
        rows = results.pop() if sql else []
        if compiler.has_extra_select:  # ordering columns Django adds after the selected ones
            rows = [row[: compiler.col_count] for row in rows]
        # Django's iterable builds the objects (related ones, values() dicts, converters)
        # from these rows instead of asking the database again.
        compiler.execute_sql = lambda *args, _rows=rows, **kwargs: [_rows]
        qs.query.get_compiler = lambda *args, _compiler=compiler, **kwargs: _compiler
        try:
            qs._fetch_all()
        finally:
            del qs.query.get_compiler
