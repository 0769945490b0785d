import time
import urllib.error
import urllib.request

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand

from demo.data import DEMO_PASSWORD, cleared_demo_users, demo_logins


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}internal/isalive", timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


class Command(BaseCommand):
    help = (
        "Skriver adressen og demobrukerne (med --wait: når nettsiden svarer og workeren er oppe)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")
        parser.add_argument(
            "--wait",
            type=int,
            default=0,
            metavar="SEKUNDER",
            help="Vent til nettsiden svarer og workeren er oppe, høyst så lenge.",
        )

    def handle(self, *args, url, wait, **options):
        if wait:
            self._wait_for(url, wait)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Trøndelag-modellen kjører på {url}"))
        if not settings.DEBUG:
            self.stdout.write("DEBUG er av: demobrukerne har ingen passord.")
            return
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for ident, name, what in demo_logins():
            self.stdout.write(f"  {ident}  {name:<28} {what}")
        # Protected persons belong only to veiledere cleared for them: these, one per office.
        self.stdout.write("Veiledere med tilgang til kode 6/7 og skjermede (samme passord):")
        for ident, name, office in cleared_demo_users():
            self.stdout.write(f"  {ident}  {name:<28} {office or '–'}")
        self.stdout.write(f"Administrasjon: {url}{settings.ADMIN_PATH}")
        self.stdout.write("")

    def _wait_for(self, url: str, seconds: int) -> None:
        deadline = time.monotonic() + seconds
        self.stdout.write("Venter på nettsiden og workeren …")
        web = worker = False
        while time.monotonic() < deadline and not (web and worker):
            web = web or _answers(url)
            # A worker that answers a ping has connected to the broker and can take tasks.
            worker = worker or bool(current_app.control.ping(timeout=1.0))
            if not (web and worker):
                time.sleep(0.5)
        if not web:
            self.stdout.write(self.style.WARNING(f"Nettsiden svarer ikke ennå på {url}."))
        if not worker:
            self.stdout.write(self.style.WARNING("Workeren svarer ikke ennå: påminnelser venter."))
