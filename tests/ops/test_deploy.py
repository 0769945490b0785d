"""What a NAIS deploy relies on: manifests that parse and point at what exists, an image that
installs only the runtime lock and runs without writing outside /tmp."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ops.middleware import INTERNAL

ROOT = Path(__file__).resolve().parents[2]
NAIS = ROOT / "nais"
MANIFESTS = sorted(p for p in NAIS.glob("*.yaml") if not p.name.startswith("vars-"))
PLACEHOLDER = re.compile(r"{{\s*([\w.]+)\s*}}")


def _render(path: Path, values: dict) -> dict:
    def lookup(match):
        value = values
        for key in match.group(1).split("."):
            value = value[key]
        return str(value)

    return yaml.safe_load(PLACEHOLDER.sub(lookup, path.read_text()))


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((NAIS / "vars-dev.yaml").read_text())


def _names_settings_read() -> set[str]:
    """Every environment variable trondelag/settings.py reads (env.str("X"), env_bool("X"), ...)."""
    tree = ast.parse((ROOT / "trondelag" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func, "value", None)
            if (isinstance(owner, ast.Name) and owner.id == "env") or called == "env_bool":
                names.add(node.args[0].value)
    return names


# Read by libraries, not by our settings.
LIBRARY_VARIABLES = {"PROMETHEUS_MULTIPROC_DIR"}


def test_three_applications_web_worker_and_one_beat(values):
    apps = {m.stem: _render(m, values) for m in MANIFESTS}
    assert set(apps) == {"app", "worker", "beat"}
    for app in apps.values():
        assert app["apiVersion"] == "nais.io/v1alpha1" and app["kind"] == "Application"
        assert app["spec"]["resources"]["requests"] and app["spec"]["resources"]["limits"]
        assert any(f["mountPath"] == "/tmp" for f in app["spec"]["filesFrom"])
    beat = apps["beat"]["spec"]
    assert beat["replicas"] == {"min": 1, "max": 1}
    assert beat["strategy"]["type"] == "Recreate"


def test_probes_and_metrics_point_at_endpoints_that_exist(values):
    web = _render(NAIS / "app.yaml", values)["spec"]
    for path in (web["liveness"]["path"], web["readiness"]["path"], web["prometheus"]["path"]):
        assert path in INTERNAL
    assert web["azure"]["application"]["enabled"] is True
    assert "NAVident" in web["azure"]["application"]["claims"]["extra"]


def test_environment_names_are_settings_that_exist(values):
    read = _names_settings_read() | LIBRARY_VARIABLES
    for manifest in MANIFESTS:
        for variable in _render(manifest, values)["spec"].get("env", []):
            assert variable["name"] in read, f"{manifest.name}: {variable['name']}"


def test_commands_name_modules_and_files_that_exist(values):
    import importlib.util

    for manifest in MANIFESTS:
        command = _render(manifest, values)["spec"]["command"]
        if command[0] == "gunicorn":
            assert importlib.util.find_spec(command[1]) is not None
            assert (ROOT / command[command.index("--config") + 1]).is_file()
        else:
            assert command[:3] == ["celery", "-A", "trondelag"]


def test_the_groups_of_the_token_are_mapped_to_roles_and_clearances(values):
    from accounts.roles import Role
    from accounts.sync import ADMIN, CLEARANCES

    web = _render(NAIS / "app.yaml", values)["spec"]
    mapping = next(v["value"] for v in web["env"] if v["name"] == "OIDC_GROUPS")
    names = {pair.split("=")[1] for pair in mapping.split(",")}
    assert names == set(Role.values) | set(CLEARANCES) | {ADMIN}
    groups = {g["id"] for g in web["azure"]["application"]["claims"]["groups"]}
    assert groups == {pair.split("=")[0] for pair in mapping.split(",")}


def _packages(lock: Path) -> dict[str, str]:
    found = {}
    for line in lock.read_text().splitlines():
        match = re.match(r"^([a-z0-9][a-z0-9._-]*)==([^\s\\]+)", line, re.I)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_the_image_installs_the_runtime_lock_with_hashes_and_runs_as_non_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    install = next(line for line in dockerfile.splitlines() if "pip install" in line)
    assert "--require-hashes" in install and "-r requirements.lock" in install
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    assert users and users[-1] not in {"root", "0"}
    runtime = _packages(ROOT / "requirements.lock")
    dev = _packages(ROOT / "requirements-dev.lock")
    for tool in ("pytest", "playwright", "bandit", "honcho", "ruff", "oidc-provider-mock"):
        assert tool not in runtime and tool in dev
    assert {"django", "gunicorn", "celery", "mozilla-django-oidc"} <= set(runtime)
    # One version of everything: the development lock is the runtime lock plus tools.
    assert {name: dev[name] for name in runtime} == runtime
    lines = (ROOT / "requirements.lock").read_text().count("--hash=sha256:")
    assert lines >= len(runtime)


def test_settings_load_without_writing_outside_tmp(tmp_path):
    """As in the image: read-only checkout, production services named, VAR_DIR unwritable."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:9/db",
        "CELERY_BROKER_URL": "redis://127.0.0.1:9/0",
        "STATIC_MANIFEST": "true",
        "STATIC_ROOT": str(tmp_path / "static"),
        # /proc refuses new directories even to root: any mkdir there fails loudly.
        "VAR_DIR": "/proc/trondelag-var",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); import trondelag.urls"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "trondelag.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
