from django.conf import settings
from django.test import override_settings

from core import personal_data


def test_every_participant_linked_model_and_history_table_is_declared():
    assert personal_data.check_personal_data() == []
    declared = {d.model for d in personal_data.declarations()}
    assert {"phases.Kartlegging", "consent.Consent", "reminders.Delivery"} <= declared
    histories = {
        d.history_model._meta.label for d in personal_data.declarations() if d.history_model
    }
    assert {"participants.HistoricalParticipant", "phases.HistoricalKartlegging"} <= histories


def test_an_undeclared_participant_linked_model_fails_the_system_check():
    apps = [*settings.INSTALLED_APPS, "tests.testapps.undeclared"]
    with override_settings(INSTALLED_APPS=apps):
        personal_data.clear_cache()
        try:
            errors = personal_data.check_personal_data()
        finally:
            personal_data.clear_cache()
    assert {e.id for e in errors} == {"core.E010"}
    named = " ".join(e.msg for e in errors)
    assert "undeclared.Diary " in named
    assert "undeclared.DiaryPage " in named  # linked through another model
    assert personal_data.check_personal_data() == []


def test_the_check_runs_with_manage_py_check():
    from django.core.checks import registry

    assert personal_data.check_personal_data in registry.registry.get_checks()


def test_a_declared_model_with_an_undeclared_file_field_fails(monkeypatch):
    consent = next(d for d in personal_data.declarations() if d.model == "consent.Consent")
    import dataclasses

    without_files = dataclasses.replace(consent, files=())
    others = [d for d in personal_data.declarations() if d is not consent]
    monkeypatch.setattr(personal_data, "declarations", lambda: [*others, without_files])
    errors = personal_data.check_personal_data()
    assert [e.id for e in errors] == ["core.E010"]
    assert "document" in errors[0].msg


def test_a_declared_path_that_does_not_lead_to_the_participant_fails(monkeypatch):
    import dataclasses

    meeting = next(d for d in personal_data.declarations() if d.model == "phases.Meeting")
    wrong = dataclasses.replace(meeting, path="recorded_by")
    others = [d for d in personal_data.declarations() if d is not meeting]
    monkeypatch.setattr(personal_data, "declarations", lambda: [*others, wrong])
    assert [e.id for e in personal_data.check_personal_data()] == ["core.E011"]
