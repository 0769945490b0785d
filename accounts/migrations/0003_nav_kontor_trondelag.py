"""The local NAV offices of Trøndelag with their NORG enhetsnummer, frozen as reference data.

Trøndelag still uses the 16xx/17xx numbers of the former counties beside the 57xx ones.
Admins add or rename offices in Django admin; this migration only gives a fresh database
the offices that exist today.
"""

from django.db import migrations

OFFICES = [
    ("1607", "Nav Heimdal", "Trondheim"),
    ("1612", "Nav Heim", "Heim"),
    ("1620", "Nav Hitra Frøya", "Hitra"),
    ("1621", "Nav Ørland", "Ørland"),
    ("1630", "Nav Nord-Fosen", "Åfjord"),
    ("1634", "Nav Oppdal og Rennebu", "Oppdal"),
    ("1638", "Nav Orkland", "Orkland"),
    ("1640", "Nav Røros, Os og Holtålen", "Røros"),
    ("1648", "Nav Midtre Gauldal", "Midtre Gauldal"),
    ("1653", "Nav Melhus", "Melhus"),
    ("1657", "Nav Skaun", "Skaun"),
    ("1663", "Nav Malvik", "Malvik"),
    ("1683", "Nav egne ansatte Trøndelag", "Trondheim"),
    ("1702", "Nav Inn-Trøndelag", "Steinkjer"),
    ("1703", "Nav Midtre Namdal", "Namsos"),
    ("1719", "Nav Levanger", "Levanger"),
    ("1721", "Nav Verdal", "Verdal"),
    ("1736", "Nav Snåsa", "Snåsa"),
    ("1738", "Nav Lierne", "Lierne"),
    ("1739", "Nav Røyrvik", "Røyrvik"),
    ("1740", "Nav Namsskogan", "Namsskogan"),
    ("1742", "Nav Indre Namdal", "Grong"),
    ("1743", "Nav Høylandet", "Høylandet"),
    ("1744", "Nav Overhalla", "Overhalla"),
    ("1749", "Nav Flatanger", "Flatanger"),
    ("1751", "Nav Nærøysund", "Nærøysund"),
    ("1755", "Nav Leka", "Leka"),
    ("1756", "Nav Inderøy", "Inderøy"),
    ("1783", "Nav Værnes", "Stjørdal"),
    ("5701", "Nav Falkenborg", "Trondheim"),
    ("5702", "Nav Lerkendal", "Trondheim"),
    ("5703", "Nav Indre Fosen", "Indre Fosen"),
]


def load(apps, schema_editor):
    NavKontor = apps.get_model("accounts", "NavKontor")
    for enhetsnummer, name, municipality in OFFICES:
        NavKontor.objects.update_or_create(
            enhetsnummer=enhetsnummer, defaults={"name": name, "municipality": municipality}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
