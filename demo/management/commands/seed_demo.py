import datetime
import time

from django.core.management.base import BaseCommand

from demo.data import REFERENCE_DATE, seed_demo
from overview.aggregate import refresh


class Command(BaseCommand):
    help = "Fyller databasen med deterministiske, syntetiske demodata (deltakere, brukere for alle roller)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--reset", action="store_true", help="Slett eksisterende demodata før nye lages."
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=REFERENCE_DATE,
            help="Dato som faser og oppfølginger regnes fra (ÅÅÅÅ-MM-DD); samme dato gir samme data.",
        )

    def handle(self, *args, participants, seed, reset, today, **options):
        started = time.monotonic()
        result = seed_demo(
            participants=participants, seed=seed, reset=reset, today=today, stdout=self.stdout
        )
        if result.skipped:
            self.stdout.write("Demodata finnes allerede; bruk --reset for å lage dem på nytt.")
            return
        # The county overview reads its aggregate (what beat rebuilds each night).
        refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"Laget {result.participants} deltakere og {result.users} brukere "
                f"på {result.offices} kontorer på {time.monotonic() - started:.1f} s."
            )
        )
