"""``migrate`` that shows how far it has come, for the first minute of ``make run``."""

import sys

from django.core.management.commands import migrate
from django.db import connections
from django.db.migrations.executor import MigrationExecutor


class Command(migrate.Command):
    help = "Som migrate, men viser fremdrift: én linje som teller migreringene."

    def handle(self, *args, **options):
        executor = MigrationExecutor(connections[options["database"]])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        self._total = len(plan)
        self._done = 0
        if self._total:
            self.stdout.write(f"Setter opp databasen ({self._total} migreringer) …")
        options["verbosity"] = 0
        super().handle(*args, **options)
        if self._total:
            self._line(f"Databasen er klar ({self._total} migreringer).", end="\n")

    def _line(self, text: str, end: str = "") -> None:
        # One line rewritten in place on a terminal; one line per tenth elsewhere (CI logs).
        if sys.stdout.isatty():
            self.stdout.write(f"\r  {text:<70}", ending=end)
            self.stdout.flush()
        elif end or self._done % max(1, self._total // 10) == 0:
            self.stdout.write(f"  {text}")

    def migration_progress_callback(self, action, migration=None, fake=False):
        if action == "apply_success":
            self._done += 1
            self._line(f"[{self._done:>3}/{self._total}] {migration}")
