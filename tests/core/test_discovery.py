from django.conf import settings
from django.test import override_settings

from core import discovery
from participants.sections import registered_sections
from reminders.registry import producers


def test_apps_contribute_without_a_list_to_remember():
    templates = {s.template for s in registered_sections()}
    assert {"phases/_participant_section.html", "matching/_participant_section.html"} <= templates
    names = {p.__name__ for p in producers()}
    assert {"followups", "appointment_reminders", "loop_reminders"} <= names


def test_a_misspelt_contribution_fails_the_system_check():
    assert discovery.check_extensions() == []
    apps = [*settings.INSTALLED_APPS, "tests.testapps.misspelt"]
    with override_settings(INSTALLED_APPS=apps):
        discovery.contributors.cache_clear()
        try:
            errors = discovery.check_extensions()
        finally:
            discovery.contributors.cache_clear()
    assert [e.id for e in errors] == ["core.E001"]
    assert "PARTICIPANT_SECTION" in errors[0].msg
