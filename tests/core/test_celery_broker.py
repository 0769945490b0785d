"""A real task through the configured broker (Redis in CI, files on the embedded default)
to a real worker process, and its result back."""

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from bench.celery_worker import worker_command
from core.tasks import echo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker():
    queue = f"test-{uuid.uuid4().hex[:8]}"
    proc = subprocess.Popen(
        worker_command(queue),
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield queue
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_task_round_trip_through_broker_and_worker(worker):
    result = echo.apply_async(args=["trøndelag"], queue=worker)
    assert result.get(timeout=60) == "galednørt"
