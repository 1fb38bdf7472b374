"""A real SMTP server in the test process (aiosmtpd): it accepts, defers (421) or refuses (550) what it is sent,
keeps what it accepted, and can go down and come back on the same port."""

import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from live_stack import free_port_number


class Inbox:
    """aiosmtpd handler: `answer` replaces the reply to DATA (e.g. "421 try later"); `answers` does so once each."""

    def __init__(self):
        self.received: list[dict] = []
        self.answer: str | None = None
        self.answers: list[str] = []
        self.arrived = threading.Condition()
        self.port = free_port_number()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.answers:
            return self.answers.pop(0)
        if self.answer:
            return self.answer
        with self.arrived:
            self.received.append({"from": envelope.mail_from, "to": envelope.rcpt_tos, "data": envelope.content})
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def start(self) -> "Inbox":
        """Listen (again) on this inbox's port."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        """Go down: connections are refused until start()."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[EmailMessage]:
        """What arrived, parsed as a mail client would."""
        return [message_from_bytes(r["data"], policy=policy.default) for r in self.received]

    def wait_for(self, count: int, timeout: float = 15.0) -> list[EmailMessage]:
        """Block until at least count messages arrived (an event, not a sleep); the parsed messages."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} emails arrived within {timeout}s")
        return self.messages()

    def addressed_to(self, recipients) -> "Mailbox":
        """What this inbox receives for these addresses only: a test's own mail on a server that tests share."""
        return Mailbox(self, set(recipients))


class Mailbox:
    """The part of an Inbox addressed to some recipients, read as the whole Inbox is (received, messages, wait_for)."""

    def __init__(self, inbox: Inbox, recipients: set[str]):
        self.inbox = inbox
        self.recipients = recipients

    @property
    def received(self) -> list[dict]:
        return [r for r in self.inbox.received if self.recipients & set(r["to"])]

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(r["data"], policy=policy.default) for r in self.received]

    def wait_for(self, count: int, timeout: float = 15.0) -> list[EmailMessage]:
        """Block until at least count messages for these recipients arrived; their parsed messages."""
        with self.inbox.arrived:
            if not self.inbox.arrived.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} emails arrived within {timeout}s")
        return self.messages()
