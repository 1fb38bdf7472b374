"""A segment's email end to end: the outbox rows become emails over real SMTP with one-click unsubscribe (RFC 8058
headers, a link in the body, the studio's words escaped), one bad address goes dead alone; the link's GET changes
nothing, its POST withdraws consent once (a replay and a forgery are told so), reaches the real CRM through the
outbox, and later emails leave the client out."""

from urllib.parse import parse_qs, urlsplit

import pytest
from marketing_links import API, WEB
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import OutboxMessage

pytestmark = pytest.mark.both_databases

WORDS = {"subject": "Sunday <sound> baths", "text": "Join us on Sunday.\n\n<b>Bring</b> a blanket & a friend."}


@pytest.fixture
def send(team, book):
    """send(words=WORDS): the studio's owner sends the segment "Everyone" an email; its answer."""

    def go(words: dict = WORDS) -> dict:
        answer = team.clients["owner"].post(f"/api/studios/{team.slug}/segments/{book['segment']}/emails", json=words)
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    return go


@pytest.fixture
def mail_lane(drainer):
    return drainer("email")


@pytest.fixture
def crm_lane(make_app, crm):
    """drain(): the CRM lane of an app on the same database delivering to the real CRM."""
    return make_app(migrate=False, CRM_BASE_URL=crm.url)


def _token(message) -> str:
    url = message["List-Unsubscribe"].strip("<>")
    return parse_qs(urlsplit(url).query)["token"][0]


def _by_address(messages) -> dict:
    return {message["To"].addresses[0].addr_spec: message for message in messages}


def test_every_email_carries_one_click_unsubscribe(send, mail_lane, smtp_server):
    send()
    mail_lane()
    mail = _by_address(smtp_server.wait_for(3))
    assert set(mail) == {"asha@example.com", "ben@example.com", "gita@example.com"}
    asha = mail["asha@example.com"]
    assert asha["Subject"] == WORDS["subject"]
    assert asha["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = asha["List-Unsubscribe"].strip("<>")
    assert url.startswith(f"{API}/marketing/unsubscribe?token=")
    assert "Auto-Submitted" not in asha
    text = asha.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = asha.get_body(("html",)).get_content()
    assert f"{WEB}/unsubscribe?token={_token(asha)}&marketing=1" in text
    assert WORDS["text"] in text
    assert "&lt;b&gt;Bring&lt;/b&gt; a blanket &amp; a friend." in html and "<b>Bring" not in html
    assert "Lotus &lt;Yoga&gt;" in html
    # Each client's own token.
    assert len({_token(message) for message in mail.values()}) == 3


def test_one_bad_address_goes_dead_alone(app, team, send, mail_lane, smtp_server):
    smtp_server.answers = ["550 5.1.1 mailbox unavailable"]
    send()
    mail_lane()
    assert len(smtp_server.wait_for(2)) == 2
    with app.app_context():
        states = db.session.scalars(select(OutboxMessage.status).where(OutboxMessage.channel == "email")).all()
    assert sorted(states) == ["dead", "delivered", "delivered"]
    # The studio's own delivery view shows it, to retry.
    query = {"status": "dead", "channel": "email"}
    dead = team.clients["manager"].get(f"/api/studios/{team.slug}/delivery/messages", query_string=query)
    assert [item["type"] for item in dead.get_json()["items"]] == ["marketing_email"]


def test_unsubscribe_once_then_told_it_was_used(send, mail_lane, smtp_server, client, outbox, assert_error):
    send()
    mail_lane()
    token = _token(_by_address(smtp_server.wait_for(3))["asha@example.com"])
    shown = client.get("/marketing/unsubscribe", query_string={"token": token})
    assert shown.status_code == 200
    assert shown.get_json() == {"studio": {"name": "Lotus <Yoga>", "slug": "lotus-yoga"}, "unsubscribed": False}
    assert outbox() == []  # a GET changes nothing (mail scanners open links)

    done = client.post("/marketing/unsubscribe", query_string={"token": token}, data="List-Unsubscribe=One-Click")
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["unsubscribed"] is True
    assert_error(client.post("/marketing/unsubscribe", query_string={"token": token}), 409, "already_unsubscribed")
    assert client.get("/marketing/unsubscribe", query_string={"token": token}).get_json()["unsubscribed"] is True
    [withdrawal] = outbox()
    assert withdrawal["type"] == "marketing_consent_withdrawn"
    assert withdrawal["payload"]["data"]["client_id"] is not None


@pytest.mark.parametrize("change", ["flip", "empty", "other_salt"])
def test_a_forged_token_is_refused(app, send, mail_lane, smtp_server, client, outbox, assert_error, change):
    send()
    mail_lane()
    token = _token(smtp_server.wait_for(3)[0])
    if change == "flip":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif change == "empty":
        token = "not-a-token"
    else:  # a guest-email token is signed with the same key for another purpose
        with app.test_request_context():
            from main_app.services.common import guest_unsubscribe_token

            token = guest_unsubscribe_token("asha@example.com")
    for method in (client.get, client.post):
        assert_error(method("/marketing/unsubscribe", query_string={"token": token}), 400, "invalid_token")
    assert_error(client.post("/marketing/unsubscribe"), 400, "validation_error")
    assert outbox() == []


def test_the_withdrawal_reaches_the_crm_and_later_emails_leave_them_out(
    team, book, send, mail_lane, smtp_server, client, crm_lane, consent_of, email_outbox
):
    send()
    mail_lane()
    token = _token(_by_address(smtp_server.wait_for(3))["asha@example.com"])
    assert client.post("/marketing/unsubscribe", query_string={"token": token}).status_code == 200
    path = f"/api/studios/{team.slug}/segments/{book['segment']}/emails"
    later = {"subject": "Monday too", "text": "And on Monday.", "dry_run": True}
    # Before the CRM hears of it, the main API's own record leaves Asha out.
    assert team.clients["owner"].post(path, json=later).get_json()["recipients"] == 2
    with crm_lane.app_context():
        from main_app.lanes import build_dispatcher

        lane = build_dispatcher(crm_lane.config)
        while lane.run_once():
            pass
        lane.close()
    assert consent_of(book["clients"]["Asha"]) is False
    assert consent_of(book["clients"]["Ben"]) is True
    # Her address on her second account was unsubscribed with it: only Ben and Gita get the next one.
    rows_before = len(email_outbox())
    sent = team.clients["owner"].post(path, json={**later, "dry_run": False})
    assert sent.status_code == 201, sent.get_json()
    addresses = sorted(row["payload"]["snapshot"]["to"]["email"] for row in email_outbox()[rows_before:])
    assert addresses == ["ben@example.com", "gita@example.com"]


def test_an_email_waiting_when_its_client_unsubscribes_is_not_sent(app, send, mail_lane, smtp_server, client):
    app.config["MARKETING_EMAILS_PER_DAY"] = 10
    send()
    mail_lane()
    token = _token(_by_address(smtp_server.wait_for(3))["asha@example.com"])
    send({"subject": "Another", "text": "Written before the click."})
    assert client.post("/marketing/unsubscribe", query_string={"token": token}).status_code == 200
    mail_lane()
    later = smtp_server.wait_for(5)[3:]
    assert sorted(message["To"].addresses[0].addr_spec for message in later) == ["ben@example.com", "gita@example.com"]


def test_the_studio_reads_its_emails_back(team, other_team, send, mail_lane, smtp_server, client, assert_error):
    sent = send()
    mail_lane()
    token = _token(_by_address(smtp_server.wait_for(3))["ben@example.com"])
    assert client.post("/marketing/unsubscribe", query_string={"token": token}).status_code == 200
    path = f"/api/studios/{team.slug}/marketing-emails"
    page = team.clients["manager"].get(path).get_json()
    assert (page["total"], page["pages"]) == (1, 1)
    [item] = page["items"]
    assert (item["id"], item["subject"], item["text"]) == (sent["id"], WORDS["subject"], WORDS["text"])
    assert (item["recipients"], item["unsubscribed"]) == (3, 1)
    assert item["sent_by"]["name"] == "Lotus <Yoga> owner"
    assert_error(team.clients["front_desk"].get(path), 403, "forbidden")
    assert_error(other_team.clients["owner"].get(path), 404, "studio_not_found")
    assert other_team.clients["owner"].get(f"/api/studios/{other_team.slug}/marketing-emails").get_json()["items"] == []
    assert_error(team.clients["owner"].get(path, query_string={"per_page": 0}), 400, "validation_error")
