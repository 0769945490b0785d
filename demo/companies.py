"""Deterministic demo companies for the register (called from core's seed_demo by the lead).

Names are invented; organisasjonsnumre come from ``make_orgnr`` on a private range, so
they pass the check digit but are not meant to be real companies.
"""

import datetime
import random

from django.db import transaction

from accounts.models import User
from companies.models import Company, CompanyNeed, make_orgnr
from participants.models import Laerefag

MUNICIPALITIES = [
    "Trondheim",
    "Trondheim",
    "Trondheim",
    "Malvik",
    "Melhus",
    "Stjørdal",
    "Levanger",
    "Verdal",
    "Steinkjer",
    "Namsos",
    "Orkland",
    "Røros",
    "Oppdal",
    "Hitra",
    "Inderøy",
]
KINDS = [
    ("Helsehus", "Helse og omsorg"),
    ("Sykehjem", "Helse og omsorg"),
    ("Barnehage", "Oppvekst"),
    ("Bygg AS", "Bygg og anlegg"),
    ("Elektro AS", "Elektro"),
    ("Bil og Dekk AS", "Bilbransjen"),
    ("Kjøkken og Catering AS", "Restaurant og mat"),
    ("Mekaniske Verksted AS", "Industri"),
    ("Frisørsalong", "Frisør"),
    ("Handel AS", "Varehandel"),
]
PREFIXES = ["Nidaros", "Fjord", "Innherred", "Gauldal", "Namdal", "Trønder", "Fosen", "Neadal"]
ORGNR_BASE = 97100000


def seed_companies(*, seed: int, count: int = 60, reference=datetime.date(2026, 1, 1)) -> int:
    """Create ``count`` companies with needs; skipped when demo companies already exist."""
    if Company.objects.filter(orgnr__startswith=str(ORGNR_BASE)[:3]).exists():
        return 0
    rng = random.Random(seed)
    laerefag = list(Laerefag.objects.order_by("code"))
    advisers = list(User.objects.filter(groups__name="markedsradgiver").order_by("nav_ident"))
    created = 0
    base = ORGNR_BASE
    with transaction.atomic():
        while created < count:
            base += 1
            orgnr = make_orgnr(base)
            if not orgnr:
                continue
            kind, bransje = rng.choice(KINDS)
            municipality = rng.choice(MUNICIPALITIES)
            company = Company.objects.create(
                orgnr=orgnr,
                name=f"{rng.choice(PREFIXES)} {kind} {municipality}",
                municipality=municipality,
                bransje=bransje,
                street_address=f"Industrivegen {rng.randint(1, 80)}",
                contact_name="Kontaktperson Demo",
                is_laerebedrift=rng.random() < 0.7,
                markedsradgiver=rng.choice(advisers) if advisers else None,
            )
            for fag in rng.sample(laerefag, k=min(len(laerefag), rng.randint(0, 2))):
                CompanyNeed.objects.create(
                    company=company,
                    laerefag=fag,
                    count=rng.randint(1, 3),
                    from_date=reference + datetime.timedelta(days=rng.randint(0, 240)),
                )
            created += 1
    return created
