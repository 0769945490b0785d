import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x9!k2m#v8q$w4e%r7t^y1u&i3o*p5a(s6d)f0g_h-j+l=z;x:c<v>b?n",
    "ALLOWED_HOSTS": "trondelag.intern.nav.no",
    "DATABASE_URL": "postgres://app@db:5432/trondelag",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://app:secret@smtp.intern.nav.no:587",
}


def _manage(*args, extra_env):
    drop = (
        "DEBUG",
        "SECRET_KEY",
        "DATABASE_URL",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", extra_env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_production_refuses_to_start_without_secret_key():
    env = dict(PRODUCTION)
    env["SECRET_KEY"] = ""
    result = _manage("check", extra_env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_booleans_are_parsed_strictly(monkeypatch):
    from trondelag.settings import env_bool

    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", default=False)
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG", default=False) is True


def test_norwegian_language_and_oslo_time(settings):
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"


def test_migrations_check_runs_on_a_fresh_clone_without_a_key():
    env = dict(PRODUCTION)
    env["SECRET_KEY"] = ""
    del env["DATABASE_URL"]  # the embedded default, as on a fresh machine
    result = _manage("makemigrations", "--check", "--dry-run", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
