"""Lærefag (trades leading to a fag- or svennebrev) by utdanningsprogram, frozen as reference data.

The codes are our own stable keys (programme prefix and a number), not Udir's course codes;
admins may correct names and add trades in Django admin.
"""

from django.db import migrations

LAEREFAG = [
    ("BAT-01", "Tømrerfaget", "BA"),
    ("BAT-02", "Rørleggerfaget", "BA"),
    ("BAT-03", "Murer- og flisleggerfaget", "BA"),
    ("BAT-04", "Betongfaget", "BA"),
    ("BAT-05", "Anleggsmaskinførerfaget", "BA"),
    ("BAT-06", "Anleggsgartnerfaget", "BA"),
    ("BAT-07", "Maler- og overflateteknikkfaget", "BA"),
    ("BAT-08", "Ventilasjons- og blikkenslagerfaget", "BA"),
    ("BAT-09", "Stillasbyggerfaget", "BA"),
    ("BAT-10", "Isolatørfaget", "BA"),
    ("BAT-11", "Veg- og anleggsfaget", "BA"),
    ("BAT-12", "Glassfaget", "BA"),
    ("BAT-13", "Feierfaget", "BA"),
    ("BAT-14", "Industrimalerfaget", "BA"),
    ("BAT-15", "Taktekkerfaget", "BA"),
    ("ELE-01", "Elektrikerfaget", "EL"),
    ("ELE-02", "Automatiseringsfaget", "EL"),
    ("ELE-03", "Energimontørfaget", "EL"),
    ("ELE-04", "Telekommunikasjonsmontørfaget", "EL"),
    ("ELE-05", "Heismontørfaget", "EL"),
    ("ELE-06", "Energioperatørfaget", "EL"),
    ("ELE-07", "Elektroreparatørfaget", "EL"),
    ("ELE-08", "Dataelektronikerfaget", "EL"),
    ("ELE-09", "Signalmontørfaget", "EL"),
    ("ELE-10", "Flymotormekanikerfaget", "EL"),
    ("HEA-01", "Helsearbeiderfaget", "HO"),
    ("HEA-02", "Barne- og ungdomsarbeiderfaget", "HO"),
    ("HEA-03", "Ambulansefaget", "HO"),
    ("HEA-04", "Aktivitørfaget", "HO"),
    ("HEA-05", "Portørfaget", "HO"),
    ("HEA-06", "Hudpleierfaget", "HO"),
    ("HEA-07", "Fotterapeutfaget", "HO"),
    ("HEA-08", "Helsesekretærfaget", "HO"),
    ("RMF-01", "Kokkfaget", "RM"),
    ("RMF-02", "Institusjonskokkfaget", "RM"),
    ("RMF-03", "Servitørfaget", "RM"),
    ("RMF-04", "Bakerfaget", "RM"),
    ("RMF-05", "Konditorfaget", "RM"),
    ("RMF-06", "Kjøttskjærerfaget", "RM"),
    ("RMF-07", "Pølsemakerfaget", "RM"),
    ("RMF-08", "Sjømatproduksjonsfaget", "RM"),
    ("RMF-09", "Industriell matproduksjon", "RM"),
    ("TIP-01", "Industrimekanikerfaget", "TIP"),
    ("TIP-02", "Sveisefaget", "TIP"),
    ("TIP-03", "Platearbeiderfaget", "TIP"),
    ("TIP-04", "CNC-maskineringsfaget", "TIP"),
    ("TIP-05", "Bilfaget, lette kjøretøy", "TIP"),
    ("TIP-06", "Bilfaget, tunge kjøretøy", "TIP"),
    ("TIP-07", "Karosserifaget", "TIP"),
    ("TIP-08", "Billakkererfaget", "TIP"),
    ("TIP-09", "Kjøretøyfaget", "TIP"),
    ("TIP-10", "Anleggsmaskinmekanikerfaget", "TIP"),
    ("TIP-11", "Landbruksmaskinmekanikerfaget", "TIP"),
    ("TIP-12", "Logistikkfaget", "TIP"),
    ("TIP-13", "Yrkessjåførfaget", "TIP"),
    ("TIP-14", "Kjemiprosessfaget", "TIP"),
    ("TIP-15", "Produksjonsteknikkfaget", "TIP"),
    ("TIP-16", "Motormekanikerfaget", "TIP"),
    ("TIP-17", "Vedlikeholdsoperatørfaget", "TIP"),
    ("TIP-18", "Polymerkomposittfaget", "TIP"),
    ("TIP-19", "Dekksoperatørfaget", "TIP"),
    ("TIP-20", "Matrosfaget", "TIP"),
    ("TIP-21", "Motormannfaget", "TIP"),
    ("TIP-22", "Laboratoriefaget", "TIP"),
    ("TIP-23", "Gjenvinningsfaget", "TIP"),
    ("SRV-01", "Salgsfaget", "SSR"),
    ("SRV-02", "Kontor- og administrasjonsfaget", "SSR"),
    ("SRV-03", "Reiselivsfaget", "SSR"),
    ("SRV-04", "Resepsjonsfaget", "SSR"),
    ("SRV-05", "Sikkerhetsfaget", "SSR"),
    ("SRV-06", "Renholdsoperatørfaget", "SSR"),
    ("SRV-07", "Eiendomsforvalterfaget", "SSR"),
    ("IMP-01", "IT-utviklerfaget", "IM"),
    ("IMP-02", "Informasjonsteknologifaget", "IM"),
    ("IMP-03", "Mediegrafikerfaget", "IM"),
    ("IMP-04", "Mediedesignfaget", "IM"),
    ("NAB-01", "Landbruksfaget", "NA"),
    ("NAB-02", "Skogfaget", "NA"),
    ("NAB-03", "Akvakulturfaget", "NA"),
    ("NAB-04", "Fiske og fangst", "NA"),
    ("NAB-05", "Gartnerfaget", "NA"),
    ("NAB-06", "Hestefaget", "NA"),
    ("NAB-07", "Reindriftsfaget", "NA"),
    ("FBI-01", "Frisørfaget", "FBIE"),
    ("FBI-02", "Blomsterdekoratørfaget", "FBIE"),
    ("FBI-03", "Interiørfaget", "FBIE"),
    ("FBI-04", "Skiltfaget", "FBIE"),
    ("HDP-01", "Møbelsnekkerfaget", "HDP"),
    ("HDP-02", "Trevarefaget", "HDP"),
    ("HDP-03", "Gullsmedfaget", "HDP"),
    ("HDP-04", "Urmakerfaget", "HDP"),
    ("HDP-05", "Kjole- og draktsyerfaget", "HDP"),
    ("HDP-06", "Treskjærerfaget", "HDP"),
    ("HDP-07", "Buntmakerfaget", "HDP"),
]


def load(apps, schema_editor):
    Laerefag = apps.get_model("participants", "Laerefag")
    for code, name, programomrade in LAEREFAG:
        Laerefag.objects.update_or_create(
            code=code, defaults={"name": name, "programomrade": programomrade}
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_phase_state")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
