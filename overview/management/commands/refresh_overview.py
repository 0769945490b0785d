from django.core.management.base import BaseCommand

from overview.aggregate import refresh


class Command(BaseCommand):
    help = "Bygger tallene i oversikten for hele fylket på nytt (det beat gjør hver natt)."

    def handle(self, *args, **options):
        state = refresh()
        self.stdout.write(f"Oversikten er oppdatert med alle dager før {state.through:%d.%m.%Y}.")
