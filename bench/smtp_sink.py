"""An SMTP sink (aiosmtpd, in a thread) that counts each Message-ID it accepts.

The benchmark delivers reminders into it; the fault suite stops and restarts it.
"""

import email
import threading
from collections import Counter

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.sink.lock:
            self.sink.received[message["Message-ID"]] += 1
        return "250 Message accepted for delivery"


class SmtpSink:
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

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())
