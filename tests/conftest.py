"""Personas of ENGINEERING.md: the participant's veileder, a colleague in the same office, a
veileder in another office, the leder, a markedsrådgiver, a karriereveileder, fagopplæring,
an outsider without a role, a cleared veileder and an administrator."""

import pytest
from django.db import connection

from tests.factories import NavKontorFactory, ParticipantFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rolled-back rows fire no signals: cached option lists must not outlive a test.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded scans go to a per-test directory, never into the checkout's var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kontor(db):
    return NavKontorFactory(name="NAV Testkontor Midtbyen")


@pytest.fixture
def other_kontor(db):
    return NavKontorFactory(name="NAV Testkontor Namdal")


@pytest.fixture
def veileder(kontor):
    return UserFactory(nav_kontor=kontor, roles=["veileder"], name="Vera Veileder")


@pytest.fixture
def colleague(kontor):
    return UserFactory(nav_kontor=kontor, roles=["veileder"], name="Ola Kollega")


@pytest.fixture
def other_veileder(other_kontor):
    return UserFactory(nav_kontor=other_kontor, roles=["veileder"], name="Kari Annetkontor")


@pytest.fixture
def leder(kontor):
    return UserFactory(nav_kontor=kontor, roles=["leder"], name="Liv Leder")


@pytest.fixture
def other_leder(other_kontor):
    return UserFactory(nav_kontor=other_kontor, roles=["leder"], name="Leif Annenleder")


@pytest.fixture
def markedsradgiver(kontor):
    return UserFactory(nav_kontor=kontor, roles=["markedsradgiver"])


@pytest.fixture
def karriereveileder(db):
    return UserFactory(nav_kontor=None, roles=["karriereveileder"])


@pytest.fixture
def fagopplaering(db):
    return UserFactory(nav_kontor=None, roles=["fagopplaering"])


@pytest.fixture
def outsider(kontor):
    return UserFactory(nav_kontor=kontor)


@pytest.fixture
def cleared_veileder(kontor):
    return UserFactory(
        nav_kontor=kontor,
        roles=["veileder"],
        clearances=["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"],
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(nav_kontor=None, is_staff=True, is_superuser=True)


@pytest.fixture
def participant(veileder):
    return ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor)


@pytest.fixture
def personas(
    veileder,
    colleague,
    other_veileder,
    leder,
    other_leder,
    markedsradgiver,
    karriereveileder,
    fagopplaering,
    outsider,
    admin_user,
):
    return {
        "veileder": veileder,
        "colleague": colleague,
        "other_veileder": other_veileder,
        "leder": leder,
        "other_leder": other_leder,
        "markedsradgiver": markedsradgiver,
        "karriereveileder": karriereveileder,
        "fagopplaering": fagopplaering,
        "outsider": outsider,
        "admin": admin_user,
    }


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production redirects to HTTPS; the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need real row locks and concurrent transactions."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); CI runs it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
