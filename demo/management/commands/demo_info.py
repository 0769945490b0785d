from django.conf import settings
from django.core.management.base import BaseCommand

from demo.data import DEMO_PASSWORD, cleared_demo_users, demo_logins


class Command(BaseCommand):
    help = "Skriver adressen og demobrukerne."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, url, **options):
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
