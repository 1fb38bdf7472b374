"""Handing an email over: to an SMTP server (MAIL_URL: smtp://user:pass@host:port, ?starttls=1, or smtps://), or,
with no MAIL_URL, to a folder of .eml files for development. Every failure is a MailError that says whether it is
worth trying again: SMTP 4xx and connection failures are, 5xx are not, a refused login is our configuration."""

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from main_app.delivery import HandOverError
from main_app.services.common import file_name, folder_ready, write_whole

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")


class MailError(HandOverError):
    """The email was not accepted (see HandOverError); unreachable: no SMTP conversation took place at all.

    Servers quote the recipient in their replies ("550 <asha@example.com>: no such user"); the message keeps no
    address."""

    MASK = ADDRESS
    HIDDEN = "[address]"


class SmtpTransport:
    """One SMTP connection per email (the dispatcher sends a few at a time, each on its own thread)."""

    def __init__(self, url: str, timeout: float = 10.0):
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError("MAIL_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host:465")
        self.host = parts.hostname
        self.port = parts.port or DEFAULT_PORTS[parts.scheme]
        self.implicit_tls = parts.scheme == "smtps"
        self.starttls = parse_qs(parts.query).get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout

    def describe(self) -> str:
        """Where mail goes, without the password (for logs and the integration panel)."""
        scheme = "smtps" if self.implicit_tls else "smtp"
        return f"{scheme}://{self.host}:{self.port}" + ("?starttls=1" if self.starttls else "")

    def send(self, message: EmailMessage) -> str:
        """Hand message to the server; its answer on success, a MailError otherwise."""
        try:
            with self._connect() as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password or "")
                refused = smtp.send_message(message)
        except smtplib.SMTPAuthenticationError as exc:
            code = exc.smtp_code
            raise MailError(f"login refused: {code}", transient=False, code=code, configuration=True) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _text in exc.recipients.values()]
            raise MailError(
                f"recipient refused: {codes[0]}", transient=all(400 <= c < 500 for c in codes), code=codes[0]
            ) from None
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, 421 closing, ...
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            code = exc.smtp_code
            raise MailError(f"{code} {text}"[:300], transient=400 <= code < 500 or code < 0, code=code) from None
        except (OSError, smtplib.SMTPException) as exc:  # refused, timed out, disconnected mid-way
            raise MailError(f"{type(exc).__name__}: {exc}"[:300], transient=True, unreachable=True) from None
        if refused:  # some recipients refused (we send to one, so this is rare)
            raise MailError(f"recipient refused: {refused}"[:300], transient=False)
        return f"accepted by {self.host}:{self.port}"

    def test_connection(self) -> bool:
        """True when the server greets us and answers NOOP (no login, nothing sent)."""
        try:
            with self._connect() as smtp:
                return smtp.noop()[0] == 250
        except (OSError, smtplib.SMTPException):
            return False

    def _connect(self) -> smtplib.SMTP:
        if self.implicit_tls:
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)


class FolderTransport:
    """Development without a mail server: each email becomes a .eml file, named by its Message-ID, so a retry
    writes the same file again rather than a second one."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"files in {self.folder}"

    def send(self, message: EmailMessage) -> str:
        local = parseaddr(message["Message-ID"] or "")[1].partition("@")[0] or "message"
        name = file_name(local, "message")
        path = self.folder / f"{name}.eml"
        try:
            write_whole(path, message.as_bytes())
        except OSError as exc:
            raise MailError(f"could not write {name}.eml: {exc}", transient=True) from None
        return f"written to {path}"

    def test_connection(self) -> bool:
        return folder_ready(self.folder)


def make_transport(mail_url: str, folder: Path, timeout: float = 10.0) -> SmtpTransport | FolderTransport:
    """SMTP when MAIL_URL is set, else the development folder."""
    return SmtpTransport(mail_url, timeout) if mail_url else FolderTransport(folder)
