"""A studio's default language: its owner sets it with the other settings (audited, on its public page too), and it
is the language of the emails to those who asked for none: a client without a choice who booked from a browser
asking for no language we speak, and the guests they brought; a browser's language at booking goes to the booking."""

from email import message_from_bytes, policy
from pathlib import Path

GUEST = {"name": "Meera", "email": "meera@example.com"}


def test_the_owner_sets_the_studios_language(team, client, assert_error):
    owner, page = team.clients["owner"], f"/api/studios/{team.slug}"
    assert owner.get(page).get_json()["default_language"] == "en"
    changed = owner.patch(page, json={"default_language": "mr"})
    assert changed.status_code == 200 and changed.get_json()["default_language"] == "mr"
    entry = owner.get(f"{page}/audit?kind=studio.settings_changed").get_json()["items"][0]
    assert (entry["before"], entry["after"]) == ({"default_language": "en"}, {"default_language": "mr"})
    assert client.get(f"/api/public/studios/{team.slug}").get_json()["studio"]["default_language"] == "mr"
    assert_error(owner.patch(page, json={"default_language": "fr"}), 400, "validation_error", "default_language")
    assert_error(team.clients["instructor"].patch(page, json={"default_language": "hi"}), 403, "forbidden")


def _subjects(app, email_outbox) -> dict[str, str]:
    """{kind: subject} of the emails the email lane wrote to the development folder."""
    folder = Path(app.config["MAIL_FOLDER"])
    return {
        row["type"]: message_from_bytes((folder / f"{row['id']}.eml").read_bytes(), policy=policy.default)["Subject"]
        for row in email_outbox()
        if (folder / f"{row['id']}.eml").exists()
    }


def test_who_asked_for_no_language_reads_the_studios(
    app, team, make_session, client_for, make_user, drainer, email_outbox
):
    assert team.clients["owner"].patch(f"/api/studios/{team.slug}", json={"default_language": "mr"}).status_code == 200
    session = make_session(studio_id=team.id, title="Sunrise Flow")
    booked = client_for(make_user()).post(
        "/book", json={"session_id": session.id, "seats": 2, "guests": [GUEST]}, headers={"Accept-Language": "ta"}
    )
    assert booked.status_code == 201, booked.get_json()
    drainer("email")()
    subjects = _subjects(app, email_outbox)
    assert subjects["booking_confirmed"].startswith("बुक झाले: Sunrise Flow, ")
    assert subjects["guest_confirmed"].startswith("तुमच्यासाठी एक जागा बुक केली आहे: Sunrise Flow, ")


def test_a_browsers_language_at_booking_is_its_guests(
    app, team, make_session, client_for, make_user, drainer, email_outbox
):
    session = make_session(studio_id=team.id, title="Sunrise Flow")
    booked = client_for(make_user()).post(
        "/book", json={"session_id": session.id, "seats": 2, "guests": [GUEST]}, headers={"Accept-Language": "hi-IN"}
    )
    assert booked.status_code == 201, booked.get_json()
    drainer("email")()
    subjects = _subjects(app, email_outbox)
    assert subjects["booking_confirmed"].startswith("बुक हो गया: Sunrise Flow, ")
    assert subjects["guest_confirmed"].startswith("आपके लिए एक सीट बुक की गई है: Sunrise Flow, ")
