"""The web server's settings: one sync worker per core unless WEB_CONCURRENCY says otherwise."""

import os
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def conf(monkeypatch, **env):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_one_sync_worker_per_core(monkeypatch):
    settings = conf(monkeypatch)
    assert settings["workers"] == os.cpu_count()
    assert (settings["threads"], settings["worker_class"]) == (1, "sync")


def test_web_concurrency_sets_the_number_of_workers(monkeypatch):
    assert conf(monkeypatch, WEB_CONCURRENCY="5")["workers"] == 5


def test_production_and_the_benchmark_read_the_same_file():
    compose = (ROOT / "docker-compose.yml").read_text()
    web = compose.split("\n  web:", 1)[1].split("\n  worker:", 1)[0]
    assert '"gunicorn", "trondelag.wsgi", "--config", "gunicorn.conf.py"' in web
    assert '"gunicorn.conf.py"' in (ROOT / "bench" / "run.py").read_text()
