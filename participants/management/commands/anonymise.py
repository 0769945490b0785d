"""Anonymise one ended case (``anonymise <uuid>``) or every case past retention (``--due``)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.exceptions import DomainError
from participants.models import Participant
from participants.services import participant_anonymise
from participants.tasks import anonymise_expired


class Command(BaseCommand):
    help = "Anonymiser en avsluttet sak (uuid), eller alle saker som har passert lagringstiden."

    def add_arguments(self, parser):
        parser.add_argument("uuid", nargs="?", help="deltakerens uuid")
        parser.add_argument(
            "--due", action="store_true", help="alle avsluttede saker eldre enn lagringstiden"
        )

    def handle(self, *args, uuid=None, due=False, **options):
        if bool(uuid) == bool(due):
            raise CommandError("Oppgi enten en deltakers uuid eller --due.")
        if due:
            count = anonymise_expired()
            self.stdout.write(f"Anonymiserte {count} saker.")
            return
        try:
            participant = Participant.objects.filter(uuid=uuid).first()
        except ValidationError:
            participant = None
        if participant is None:
            raise CommandError("Fant ingen deltaker med denne uuid-en.")
        try:
            done = participant_anonymise(participant=participant)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if done:
            self.stdout.write("Saken er anonymisert.")
        else:
            self.stdout.write("Saken var allerede anonymisert. Ingenting er endret.")
