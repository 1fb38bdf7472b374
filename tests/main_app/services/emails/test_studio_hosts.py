"""Emails name the studio and the session's instructor: a class taught by a member other than the owner says who
teaches it and whose studio it is (with its public page), in both bodies, the calendar file and the Reply-To, as they
were when the email was queued; a studio's name with markup or line breaks is escaped in HTML and adds no header
(SQLite and PostgreSQL, through a real SMTP server)."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import StudioMember

DAY = timedelta(days=1)
SENDER = "Sessions & Retreats <bookings@retreats.example>"
WEB = "https://retreats.example"
HOSTILE = 'Lotus <b>Yoga</b> & "Co"\r\nBcc: everyone@example.com'


@pytest.fixture
def app(make_app, smtp_server):
    """The main API mailing through the test's SMTP server."""
    return make_app(MAIL_URL=smtp_server.url, MAIL_FROM=SENDER, PUBLIC_WEB_URL=WEB)


@pytest.fixture
def taught(app, facilitator_client, make_user, make_session):
    """A session of the facilitator's studio, renamed Lotus Yoga, taught by another member: (studio, session,
    teacher)."""
    session = make_session(starts_in=3 * DAY, title="Yin", timezone="Asia/Kolkata")  # in the studio made for them
    studio = facilitator_client.get("/api/studios").get_json()["items"][0]
    assert rename(facilitator_client, studio["slug"], "Lotus Yoga").status_code == 200
    teacher = make_user(name="Meera Iyer")
    with app.app_context(), unit_of_work():
        db.session.add(StudioMember(studio_id=studio["id"], user_id=teacher.id, role="instructor"))
    path = f"/api/studios/{studio['slug']}/sessions/{session.id}/instructor"
    assert facilitator_client.patch(path, json={"instructor_id": teacher.id}).status_code == 200
    return studio, session, teacher


def rename(client, slug: str, name: str):
    return client.patch(f"/api/studios/{slug}", json={"name": name})


def bodies(mail) -> tuple[str, str]:
    return mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()


def test_a_confirmation_names_the_instructor_and_the_studio_as_they_were_when_booked(
    taught, facilitator, facilitator_client, user_client, drainer, smtp_server, email_outbox
):
    studio, session, teacher = taught
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    # Renamed after the booking: the queued email says what was true when it was written.
    assert rename(facilitator_client, studio["slug"], "Renamed Later").status_code == 200
    drainer("email")()
    [mail] = smtp_server.wait_for(1)
    [confirmed] = [row for row in email_outbox() if row["type"] == "booking_confirmed"]
    snapshot = confirmed["payload"]["snapshot"]
    assert snapshot["studio"] == {"id": studio["id"], "name": "Lotus Yoga", "slug": studio["slug"]}
    assert snapshot["session"]["instructor"] == {"id": teacher.id, "name": "Meera Iyer"}
    page = f"{WEB}/studios/{studio['slug']}"
    plain, html = bodies(mail)
    assert f"With:   Meera Iyer\nStudio: Lotus Yoga ({page})" in plain.replace("\r\n", "\n")
    assert f'<a href="{page}"' in html and "Meera Iyer" in html and "Lotus Yoga" in html
    for body in (plain, html):
        assert facilitator.name not in body and "Renamed Later" not in body  # the teacher, not the studio's owner
    [entry] = Calendar.from_ical(next(mail.iter_attachments()).get_content()).walk("VEVENT")
    assert entry["ORGANIZER"].params["CN"] == "Lotus Yoga"
    assert str(entry["DESCRIPTION"]).startswith(f"With Meera Iyer at Lotus Yoga ({page}).\nYour booking: ")


def test_a_studio_name_with_markup_and_line_breaks_is_escaped_and_adds_no_header(
    taught, facilitator, facilitator_client, user_client, drainer, smtp_server
):
    studio, session, _teacher = taught
    assert rename(facilitator_client, studio["slug"], HOSTILE).status_code == 200
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    words = {"subject": "Bring a mat", "text": "See you there."}
    sent = facilitator_client.post(f"/api/studios/{studio['slug']}/sessions/{session.id}/message", json=words)
    assert sent.status_code == 202, sent.get_json()
    drainer("email")()
    mails = smtp_server.wait_for(2)
    assert all(received["to"] == ["asha@example.com"] for received in smtp_server.received)  # no Bcc'd address
    [message] = [mail for mail in mails if mail["Subject"].startswith("Bring a mat")]
    assert message["Bcc"] is None and message["Reply-To"].addresses[0].addr_spec == facilitator.email
    assert message["Reply-To"].addresses[0].display_name == 'Lotus <b>Yoga</b> & "Co" Bcc: everyone@example.com'
    for mail in mails:
        assert mail["Bcc"] is None
        plain, html = bodies(mail)
        assert 'Lotus &lt;b&gt;Yoga&lt;/b&gt; &amp; "Co"' in html and "<b>Yoga</b>" not in html
        assert "Lotus <b>Yoga</b>" in plain  # plain text says it as written
    confirmation = next(mail for mail in mails if mail["Subject"].startswith("Booked: "))
    [entry] = Calendar.from_ical(next(confirmation.iter_attachments()).get_content()).walk("VEVENT")
    assert entry["ORGANIZER"].params["CN"] == 'Lotus <b>Yoga</b> & "Co" Bcc: everyone@example.com'
