"""The command line of a Celery worker on one queue, shared by the bench and the tests that
start real workers (so their options cannot drift apart)."""

import sys


def worker_command(
    queue: str,
    *,
    pool: str = "solo",
    concurrency: int | None = None,
    name: str = "",
    loglevel: str = "WARNING",
) -> list[str]:
    command = [sys.executable, "-m", "celery", "-A", "trondelag", "worker"]
    # The default prefork pool when a concurrency is asked for; solo otherwise.
    command += [f"--concurrency={concurrency}"] if concurrency else [f"--pool={pool}"]
    command += ["-Q", queue, "--without-mingle", "--without-gossip", f"--loglevel={loglevel}"]
    if name:
        command += ["-n", name]
    return command
