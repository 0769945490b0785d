"""The real services the fault suite breaks: its own Redis and an SMTP sink.

Both listen on ports of their own (FAULTS_PORT_BASE, 8730 by default, upwards to the first
free one), so stopping them touches nothing else on the machine.
"""

import email
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller


def free_port(start: int, end: int) -> int:
    for port in range(start, end):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{end}")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A redis-server process without persistence: a restart comes back empty, like a
    Redis that lost its memory, so every queued message is gone."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not _listening(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.sink.lock:
            self.sink.received[message["Message-ID"]] += 1
        return "250 Message accepted for delivery"


class SmtpSink:
    """An aiosmtpd server in a thread of the test process, counting each Message-ID."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"smtp://127.0.0.1:{port}"
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
