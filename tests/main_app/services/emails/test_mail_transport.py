"""Handing emails over: a real SMTP server in this process (aiosmtpd) that accepts, defers (421) or refuses (550),
and the development folder of .eml files."""

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from live_stack import free_port_number

from main_app.services.emails.transport import FolderTransport, MailError, SmtpTransport, make_transport


def mail(message_id: str = "<m1@retreats.example>") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Sessions & Retreats <bookings@retreats.example>"
    message["To"] = "Asha Rao <asha@example.com>"
    message["Subject"] = "Booked: Morning Vinyasa Flow"
    message["Message-ID"] = message_id
    message.set_content("You're booked.")
    return message


def test_an_accepted_email_arrives_whole(smtp_server):
    assert SmtpTransport(smtp_server.url).send(mail()).startswith("accepted by 127.0.0.1:")
    [received] = smtp_server.received
    assert received["to"] == ["asha@example.com"] and received["from"] == "bookings@retreats.example"
    arrived = message_from_bytes(received["data"], policy=policy.default)
    assert arrived["Message-ID"] == "<m1@retreats.example>"
    assert arrived.get_content().strip() == "You're booked."


@pytest.mark.parametrize(
    "answer, transient",
    [("421 Service not available, try again later", True), ("451 Local error", True), ("550 No such user", False)],
)
def test_4xx_is_worth_retrying_and_5xx_is_not(smtp_server, answer, transient):
    smtp_server.answer = answer
    with pytest.raises(MailError) as caught:
        SmtpTransport(smtp_server.url).send(mail())
    assert caught.value.transient is transient
    assert caught.value.code == int(answer[:3]) and not caught.value.configuration
    assert smtp_server.received == []


def test_a_server_that_is_not_there_is_worth_retrying():
    with pytest.raises(MailError) as caught:
        SmtpTransport(f"smtp://127.0.0.1:{free_port_number()}", timeout=2).send(mail())
    assert caught.value.transient and caught.value.code is None


@pytest.mark.parametrize(
    "url, described",
    [
        ("smtp://mailer:p%40ss@mail.example.org:587?starttls=1", "smtp://mail.example.org:587?starttls=1"),
        ("smtps://mail.example.org", "smtps://mail.example.org:465"),
        ("smtp://localhost", "smtp://localhost:25"),
    ],
)
def test_mail_url_settings_and_a_description_without_the_password(url, described):
    transport = SmtpTransport(url)
    assert transport.describe() == described
    if "mailer" in url:
        assert (transport.username, transport.password, transport.starttls) == ("mailer", "p@ss", True)


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "mail.example.org:25"])
def test_a_mail_url_that_is_not_smtp_is_refused(url):
    with pytest.raises(ValueError, match="MAIL_URL"):
        SmtpTransport(url)


def test_without_mail_url_emails_become_files_and_a_retry_rewrites_the_same_one(tmp_path):
    transport = make_transport("", tmp_path / "mail")
    assert isinstance(transport, FolderTransport)
    transport.send(mail("<abc123@retreats.example>"))
    transport.send(mail("<abc123@retreats.example>"))  # the same outbox message, sent again
    [written] = list((tmp_path / "mail").iterdir())
    assert written.name == "abc123.eml"
    assert message_from_bytes(written.read_bytes(), policy=policy.default)["Subject"] == "Booked: Morning Vinyasa Flow"


def test_a_message_id_cannot_climb_out_of_the_folder(tmp_path):
    FolderTransport(tmp_path).send(mail("<../../etc/passwd@evil>"))
    assert [p.name for p in tmp_path.iterdir()] == ["etcpasswd.eml"]


def test_a_refusal_quoting_the_recipient_keeps_no_address(smtp_server):
    smtp_server.answer = "550 5.1.1 <asha@example.com>: Recipient address rejected (asha@example.com)"
    with pytest.raises(MailError) as caught:
        SmtpTransport(smtp_server.url).send(mail())
    said = str(caught.value)
    assert "@" not in said and "550 5.1.1 <[address]>: Recipient address rejected ([address])" in said
