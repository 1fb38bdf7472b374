"""The email channel end to end inside the process: changes queue emails, the dispatcher's email lane hands them to
a real SMTP server (aiosmtpd, tests/smtp_inbox.py) and records what happened; retries, dead letters, an outage;
password reset and one-click unsubscribe through the mails they send; the development mailbox."""

import io
import re
import threading
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import zxingcpp
from icalendar import Calendar
from PIL import Image
from probes import record_statements
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import ROLE_ADMIN, DeliveryAttempt, EventSession, OutboxMessage, utcnow
from main_app.services.common import checkin_codes as codes
from main_app.services.common import tokens as account_tokens
from main_app.services.emails import attendee_mail

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
SENDER = "Sessions & Retreats <bookings@retreats.example>"
WEB = "https://retreats.example"


@pytest.fixture
def app(make_app, smtp_server):
    """The main API mailing through the test's SMTP server: one quick try, then the schedule (0 s: due at once)."""
    return make_app(
        MAIL_URL=smtp_server.url,
        MAIL_FROM=SENDER,
        MAIL_QUICK_RETRIES=1,
        MAIL_RETRY_SCHEDULE=[0.0, 0.0, 0.0],
        PUBLIC_WEB_URL=WEB,
        PUBLIC_API_URL="https://api.retreats.example",
    )


@pytest.fixture
def mail_lane(app):
    """The dispatcher's email lane, built as crm-dispatch builds it; run_once() inside the app."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email")

    class Lane:
        dispatcher = lane

        @staticmethod
        def run_once() -> int:
            with app.app_context():
                return lane.run_once()

        @staticmethod
        def drain() -> None:
            with app.app_context():
                while lane.run_once() and not lane.down:
                    pass

    yield Lane
    lane.close()


@pytest.fixture
def db_statements(app):
    """db_statements(call) → (call's result, the SQL statements the app ran during it)."""
    with app.app_context():
        engine = db.engine
    return lambda call: record_statements(engine, call)


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def by_kind(rows) -> dict[str, dict]:
    return {row["type"]: row for row in rows}


def test_a_booking_confirmation_arrives_as_text_html_and_a_calendar_in_the_events_zone(
    user_client, make_session, mail_lane, smtp_server, email_outbox
):
    session = make_session(starts_in=3 * DAY, title="Morning Flow", location="Lotus Studio", timezone="Asia/Kolkata")
    booking = book(user_client, session.id)
    mail_lane.drain()
    [mail] = smtp_server.wait_for(1)  # the reminders wait for their time
    confirmation = by_kind(email_outbox())["booking_confirmed"]
    assert smtp_server.received[0]["to"] == ["asha@example.com"]
    assert mail["Message-ID"] == f"<{confirmation['id']}@retreats.example>"
    assert mail["From"] == SENDER and mail["To"] == "Asha Rao <asha@example.com>"
    start = datetime.fromisoformat(booking["session"]["starts_at"])
    local = start.astimezone(ZoneInfo("Asia/Kolkata"))
    assert mail["Subject"].startswith("Booked: Morning Flow, ") and f"{local:%H:%M}" in mail["Subject"]
    assert mail["Subject"].endswith("IST")
    assert [p.get_content_type() for p in mail.walk()] == [
        "multipart/mixed",
        "multipart/related",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "image/png",
        "text/calendar",
    ]
    for body in (mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()):
        assert f"{WEB}/bookings" in body and "Lotus Studio" in body
    # The check-in QR code shows inline, and an independent decoder reads the seat's code from it.
    [qr] = [part for part in mail.walk() if part.get_content_type() == "image/png"]
    assert f'src="cid:{qr["Content-ID"].strip("<>")}"' in mail.get_body(("html",)).get_content()
    [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.get_content())))
    scanned = codes.read(decoded.text)
    assert (scanned.session_id, scanned.booking_id, scanned.seat) == (session.id, booking["id"], 1)
    assert f"Check-in code: {scanned.code}" in mail.get_body(("plain",)).get_content()
    [entry] = Calendar.from_ical(next(mail.iter_attachments()).get_content()).walk("VEVENT")
    assert entry.decoded("DTSTART") == start and entry.decoded("DTSTART").tzinfo.key == "Asia/Kolkata"
    assert str(entry["UID"]) == f"booking-{booking['id']}@retreats.example"
    # The outbox row is delivered, with the SMTP conversation in its attempt log.
    assert (confirmation["status"], confirmation["attempts"]) == ("delivered", 1)
    assert [r["status"] for r in email_outbox() if r["type"].startswith("reminder")] == ["pending", "pending"]


def test_421_is_retried_and_the_retry_is_the_same_email(
    user_client, make_session, mail_lane, smtp_server, email_outbox, admin_client
):
    book(user_client, make_session(starts_in=3 * DAY).id)
    smtp_server.answers = ["421 Service not available, try again later"]
    assert mail_lane.run_once() == 1
    row = by_kind(email_outbox())["booking_confirmed"]
    assert (row["status"], row["attempts"], row["failure_kind"]) == ("pending", 1, "transient")
    assert "421" in row["last_error"] and mail_lane.dispatcher.down
    detail = admin_client.get(f"/api/notifications/{row['id']}/status").get_json()
    assert [a["status_code"] for a in detail["attempt_log"]] == [421]
    mail_lane.drain()
    [mail] = smtp_server.wait_for(1)
    assert mail["Message-ID"] == f"<{row['id']}@retreats.example>"
    row = by_kind(email_outbox())["booking_confirmed"]
    assert (row["status"], row["attempts"]) == ("delivered", 2)
    detail = admin_client.get(f"/api/notifications/{row['id']}/status").get_json()
    assert [a["status_code"] for a in detail["attempt_log"]] == [421, 250]


def test_550_is_dead_at_once_shown_per_channel_and_can_be_retried(
    user_client, make_session, mail_lane, smtp_server, email_outbox, admin_client
):
    book(user_client, make_session(starts_in=3 * DAY).id)
    smtp_server.answer = "550 No such user here"
    mail_lane.drain()
    row = by_kind(email_outbox())["booking_confirmed"]
    assert (row["status"], row["attempts"], row["failure_kind"]) == ("dead", 1, "permanent")
    status = admin_client.get("/api/crm/integration").get_json()
    assert status["email"]["outbox"]["dead"] == 1 and status["outbox"]["dead"] == 0  # the CRM's are its own
    assert status["email"]["last_error"]["status_code"] == 550 and status["email"]["reachable"] is True
    dead = admin_client.get("/api/notifications/pending?status=dead&channel=email").get_json()
    assert [item["id"] for item in dead["items"]] == [row["id"]] and dead["items"][0]["channel"] == "email"
    assert admin_client.get("/api/notifications/pending?status=dead&channel=crm").get_json()["items"] == []
    smtp_server.answer = None
    assert admin_client.patch("/api/crm/integration/retry-failed?channel=crm").get_json() == {"requeued": 0}
    assert admin_client.patch("/api/crm/integration/retry-failed?channel=email").get_json() == {"requeued": 1}
    mail_lane.drain()
    smtp_server.wait_for(1)
    assert by_kind(email_outbox())["booking_confirmed"]["status"] == "delivered"


@pytest.mark.both_databases
def test_an_smtp_outage_loses_nothing_and_doubles_nothing(
    app, make_session, make_user, client_for, mail_lane, smtp_server, email_outbox
):
    smtp_server.stop()
    sessions = [make_session(starts_in=HOUR) for _ in range(4)]  # no reminders: only confirmations
    for n, session in enumerate(sessions):
        book(client_for(make_user(name=f"Guest {n}")), session.id)
    assert mail_lane.run_once() == 4
    lane = mail_lane.dispatcher
    assert lane.down and lane.unreachable
    rows = email_outbox()
    # The first went alone as a probe and failed; the rest were not tried.
    assert sorted(row["attempts"] for row in rows) == [0, 0, 0, 1]
    smtp_server.start()
    runner = threading.Thread(target=lambda: _run_until(app, lane, smtp_server, 4))
    runner.start()
    messages = smtp_server.wait_for(4)
    runner.join(timeout=10)
    assert sorted(m["Message-ID"] for m in messages) == sorted(f"<{row['id']}@retreats.example>" for row in rows)
    assert {row["status"] for row in email_outbox()} == {"delivered"}


def _run_until(app, lane, smtp_server, count: int) -> None:
    """The lane's own loop (probing the server, releasing the backlog), stopped once count emails arrived."""
    stopper = threading.Thread(target=lambda: (smtp_server.wait_for(count), lane.request_stop()))
    stopper.start()
    with app.app_context():
        lane.run()
    stopper.join()


def test_a_reminder_whose_session_has_started_is_not_sent(app, make_session, user_client, mail_lane, smtp_server):
    session = make_session(starts_in=3 * DAY)
    book(user_client, session.id)
    with app.app_context(), unit_of_work():  # the dispatcher was stopped for days: the reminder is due after the start
        message = db.session.query(OutboxMessage).filter_by(type="reminder_24h", channel="email").one()
        message.next_attempt_at = utcnow()
        snapshot = dict(message.payload["snapshot"])
        snapshot["session"] = {**snapshot["session"], "starts_at": (utcnow() - HOUR).isoformat()}
        message.payload = {**message.payload, "snapshot": snapshot}
        assert db.session.get(EventSession, session.id) is not None
    mail_lane.drain()
    assert [m["Subject"].split(":")[0] for m in smtp_server.messages()] == ["Booked"]


def test_a_reminder_of_a_booking_no_longer_active_is_not_sent(app, make_session, user_client, mail_lane, smtp_server):
    """A reminder already out with a dispatcher when the booking is cancelled is not taken back by the cancellation
    (as here, where only the booking changed): the lane asks before sending it."""
    session = make_session(starts_in=3 * DAY)
    booking = book(user_client, session.id)
    with app.app_context(), unit_of_work():
        db.session.query(OutboxMessage).filter_by(type="reminder_24h", channel="email").one().next_attempt_at = utcnow()
        db.session.execute(sa.text("UPDATE bookings SET status = 'cancelled' WHERE id = :id"), {"id": booking["id"]})
    mail_lane.drain()
    assert [m["Subject"].split(":")[0] for m in smtp_server.messages()] == ["Booked"]
    with app.app_context():
        reminder = db.session.query(OutboxMessage).filter_by(type="reminder_24h", channel="email").one()
        notes = db.session.scalars(
            sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == reminder.id)
        ).all()
        assert reminder.status == "delivered"  # handled: never tried again
    assert notes == ["not sent: the booking is no longer active"]


def test_at_the_start_only_the_people_still_waiting_hear_that_no_seat_came_free(
    app, make_session, make_user, client_for, mail_lane, smtp_server
):
    session = make_session(capacity=1, starts_in=3 * DAY, title="Silent Morning")
    booker, first, second = (client_for(make_user(name=name)) for name in ("Asha", "Ben", "Chitra"))
    booking = book(booker, session.id)
    for client in (first, second):
        assert client.post(f"/sessions/{session.id}/waitlist").status_code == 201
    assert booker.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200  # Ben gets the seat
    mail_lane.drain()
    sent_before = len(smtp_server.messages())
    with app.app_context(), unit_of_work():  # the session starts: what was due at its start is due now
        pending = db.session.query(OutboxMessage).filter_by(type="waitlist_ended", status="pending", channel="email")
        [notice] = pending.all()
        notice.next_attempt_at = utcnow()
    mail_lane.drain()
    [mail] = smtp_server.messages()[sent_before:]
    assert mail["Subject"].startswith("No seat came free: Silent Morning") and "Chitra" in mail["To"]
    assert "the session has started and no seat came free" in mail.get_body(("plain",)).get_content()


# -- the account mails --------------------------------------------------------------------------------------------


def _link(mail, prefix: str) -> str:
    return re.search(re.escape(prefix) + r"\S+", mail.get_body(("plain",)).get_content()).group(0)


def test_password_reset_by_mail_signs_out_everywhere_and_the_link_works_once(
    client, user, user_client, mail_lane, smtp_server, email_outbox
):
    asked = client.post("/auth/password-reset", json={"email": "ASHA@example.com"})
    assert asked.status_code == 202
    mail_lane.drain()
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "Asha Rao <asha@example.com>"
    link = _link(mail, f"{WEB}/reset-password?token=")
    token = link.split("token=", 1)[1]
    assert token not in str(email_outbox())  # signed when sent, stored nowhere
    confirmed = client.post("/auth/password-reset/confirm", json={"token": token, "password": "a-new-password-1"})
    assert confirmed.status_code == 200
    assert (
        client.get("/auth/me", headers={"Authorization": f"Bearer {confirmed.get_json()['access_token']}"}).status_code
        == 200
    )
    assert user_client.get("/auth/me").status_code == 401  # the session from before is over
    login = client.post("/auth/login", json={"email": user.email, "password": "a-new-password-1"})
    assert login.status_code == 200
    again = client.post("/auth/password-reset/confirm", json={"token": token, "password": "another-password-2"})
    assert again.status_code == 400 and again.get_json()["error"]["code"] == "invalid_token"


def test_asking_for_a_reset_runs_the_same_statements_whether_or_not_an_account_has_the_email(
    app, client, user, mail_lane, smtp_server, email_outbox, db_statements
):
    def ask(email: str):
        return db_statements(lambda: client.post("/auth/password-reset", json={"email": email}))

    ask("warm-up@example.com")  # the first request opens connections
    (known, known_statements), (unknown, unknown_statements) = ask("Asha@Example.com"), ask("nobody@example.com")
    assert known_statements == unknown_statements and known_statements  # the same statements, in the same order
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    assert known.status_code == 202
    asked = [row["payload"] for row in email_outbox()][1:]
    assert asked == [{"kind": "password_reset", "snapshot": {"email": e}} for e in (user.email, "nobody@example.com")]
    mail_lane.drain()
    [mail] = smtp_server.wait_for(1)  # the account's, and no other
    assert mail["To"] == "Asha Rao <asha@example.com>" and f"{WEB}/reset-password?token=" in str(mail)
    assert [row["status"] for row in email_outbox()] == ["delivered"] * 3
    with app.app_context():
        notes = db.session.scalars(select(DeliveryAttempt.response_excerpt).order_by(DeliveryAttempt.id)).all()
    assert notes.count("not sent: no account has this email") == 2 and len(notes) == 3


def test_a_reset_that_cannot_be_completed_goes_dead_and_the_others_go(app, client, user, mail_lane, smtp_server):
    with app.app_context(), unit_of_work():
        db.session.add(OutboxMessage(**attendee_mail.email_row("password_reset", {"address": user.email})))
    assert client.post("/auth/password-reset", json={"email": user.email}).status_code == 202
    mail_lane.drain()
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "Asha Rao <asha@example.com>"
    with app.app_context():
        [dead] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.status == "dead")).all()
        assert dead.payload["snapshot"] == {"address": user.email} and "could not compose" in dead.last_error


def test_operators_do_not_see_a_reset_link(client, user, make_user, client_for, email_outbox, mail_lane):
    client.post("/auth/password-reset", json={"email": user.email})
    mail_lane.drain()
    admin = client_for(make_user(role=ROLE_ADMIN))
    [row] = email_outbox()
    shown = admin.get(f"/api/notifications/{row['id']}/status").get_json()
    assert shown["payload"]["snapshot"] == {"email": user.email} and "token=" not in str(shown)


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "eyJ1IjoxLCJnIjowfQ.forged.signature", "x" * 501],
)
def test_a_bad_reset_token_is_a_400(client, user, token):
    response = client.post("/auth/password-reset/confirm", json={"token": token, "password": "a-new-password-1"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] in ("invalid_token", "validation_error")


def test_an_expired_reset_token_is_a_400_and_changes_nothing(app, client, user, monkeypatch):
    with app.app_context():
        from main_app.extensions import db
        from main_app.models import User

        token = account_tokens.password_reset_token(db.session.get(User, user.id))
    monkeypatch.setattr(account_tokens, "PASSWORD_RESET_SECONDS", -1)  # an hour has passed
    response = client.post("/auth/password-reset/confirm", json={"token": token, "password": "a-new-password-1"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_token"
    assert client.post("/auth/login", json={"email": user.email, "password": user.password}).status_code == 200


def test_a_token_of_another_kind_is_not_a_reset_token(app, client, user):
    with app.app_context():
        from main_app.extensions import db
        from main_app.models import User

        unsubscribe = account_tokens.unsubscribe_token(db.session.get(User, user.id))
    response = client.post("/auth/password-reset/confirm", json={"token": unsubscribe, "password": "a-new-password-1"})
    assert response.status_code == 400


def test_one_click_unsubscribe_from_a_reminder_turns_reminders_off(
    app, user_client, client, make_session, mail_lane, smtp_server, email_outbox
):
    book(user_client, make_session(starts_in=3 * HOUR).id)  # the 2-hour reminder is due in an hour
    with app.app_context():
        from main_app.database import unit_of_work
        from main_app.extensions import db
        from main_app.models import OutboxMessage

        with unit_of_work():
            reminder = db.session.query(OutboxMessage).filter_by(type="reminder_2h", channel="email").one()
            reminder.next_attempt_at = utcnow()
    mail_lane.drain()
    reminder = next(m for m in smtp_server.wait_for(2) if m["List-Unsubscribe"])
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = urlsplit(reminder["List-Unsubscribe"].strip("<>"))
    assert url.scheme == "https" and url.netloc == "api.retreats.example"
    # What a mail client does (RFC 8058): POST the form body to that address, without any cookie or token.
    response = client.post(
        f"{url.path}?{url.query}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and response.get_json() == {"reminders_enabled": False}
    assert user_client.get("/auth/me").get_json()["reminders_enabled"] is False
    assert [row["type"] for row in email_outbox() if row["status"] == "pending"] == []
    bad = client.post("/auth/reminders/unsubscribe?token=forged")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_token"


# -- the development mailbox --------------------------------------------------------------------------------------


def test_without_mail_url_emails_land_in_the_development_mailbox(make_app, user_client, make_session, tmp_path):
    app = make_app(MAIL_URL="", MAIL_FOLDER=str(tmp_path / "mailbox"))
    client = app.test_client()
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email")
        book(user_client, make_session(starts_in=HOUR).id)
        lane.run_once()
        lane.close()
    listing = client.get("/dev/mailbox").get_json()
    assert listing["folder"] == str(tmp_path / "mailbox")
    [summary] = listing["messages"]
    assert summary["to"] == "Asha Rao <asha@example.com>" and summary["subject"].startswith("Booked: ")
    mail = client.get(f"/dev/mailbox/{summary['id']}").get_json()
    assert "You're booked" in mail["text"] and "<html" in mail["html"]
    assert mail["attachments"] == [
        {"filename": "booking.ics", "content_type": "text/calendar", "size": mail["attachments"][0]["size"]}
    ]
    assert client.get("/dev/mailbox/0123456789abcdef0123456789abcdef").status_code == 404
    assert client.get("/dev/mailbox/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_the_mailbox_is_refused_in_production(make_app, production_settings):
    production = make_app(**production_settings).test_client()
    response = production.get("/dev/mailbox")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_a_mangled_file_in_the_mailbox_is_shown_as_best_it_can(make_app, tmp_path):
    folder = tmp_path / "mailbox"
    folder.mkdir()
    (folder / "0123456789abcdef0123456789abcdef.eml").write_bytes(
        b"Subject: odd\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\nhello \xff\r\n"
    )
    client = make_app(MAIL_FOLDER=str(folder)).test_client()
    assert [m["subject"] for m in client.get("/dev/mailbox").get_json()["messages"]] == ["odd"]
    shown = client.get("/dev/mailbox/0123456789abcdef0123456789abcdef")
    assert shown.status_code == 200 and shown.get_json()["text"].startswith("hello")


def test_an_emails_html_is_served_for_a_sandboxed_frame_of_the_web_app(make_app, user_client, make_session, tmp_path):
    app = make_app(MAIL_URL="", MAIL_FOLDER=str(tmp_path / "mailbox"), CORS_ORIGINS=["http://localhost:5173"])
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email")
        book(user_client, make_session(starts_in=HOUR).id)
        lane.run_once()
        lane.close()
    client = app.test_client()
    [summary] = client.get("/dev/mailbox").get_json()["messages"]
    page = client.get(f"/dev/mailbox/{summary['id']}/body.html")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "You're booked" in page.get_data(as_text=True).replace("&#39;", "'")
    # the inline check-in QR code shows as a data: image (the only images the frame allows)
    assert 'src="data:image/png;base64,' in page.get_data(as_text=True) and "cid:" not in page.get_data(as_text=True)
    policy = page.headers["Content-Security-Policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy and policy.endswith("; sandbox")
    assert "frame-ancestors http://localhost:5173" in policy
