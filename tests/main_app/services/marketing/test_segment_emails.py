"""POST /api/studios/<slug>/segments/<id>/emails: who may send (every role, another studio's ids), bad words refused
in our shape, the recipients (consent given, one per address, this studio's), the daily cap and a double submit."""

import pytest
from racing import race
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import AuditEntry, MarketingEmail

pytestmark = pytest.mark.both_databases

WORDS = {"subject": "Sunday sound baths", "text": "Join us on Sunday.\n\nBring a blanket."}


def _path(team, segment_id: int) -> str:
    return f"/api/studios/{team.slug}/segments/{segment_id}/emails"


def _dry(team, segment_id: int, role: str = "owner"):
    return team.clients[role].post(_path(team, segment_id), json={**WORDS, "dry_run": True})


ROLES = [("owner", 200), ("manager", 200), ("instructor", 403), ("front_desk", 403)]


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_owners_and_managers_may_send(team, book, role, status, assert_error):
    answer = _dry(team, book["segment"], role)
    if status == 200:
        assert answer.status_code == 200, answer.get_json()
    else:
        assert_error(answer, 403, "forbidden")
        assert answer.get_json()["error"]["details"]["permission"] == "clients.email"


def test_another_studios_ids_look_like_none(team, other_team, book, client, assert_error):
    # Another studio's segment through this studio's door: the CRM has none of that id here.
    assert_error(_dry(team, book["other_segment"]), 404, "segment_not_found")
    # A member of another studio on this studio's door.
    assert_error(other_team.clients["owner"].post(_path(team, book["segment"]), json=WORDS), 404, "studio_not_found")
    assert_error(client.post(_path(team, book["segment"]), json=WORDS), 401, "unauthorized")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "hi"}, "subject"),
        ({"subject": "Hi"}, "text"),
        ({"subject": "Hi\r\nBcc: everyone@example.com", "text": "hi"}, "subject"),
        ({"subject": "   ", "text": "hi"}, "subject"),
        ({"subject": "x" * 151, "text": "hi"}, "subject"),
        ({"subject": "Hi", "text": "x" * 10_001}, "text"),
        ({"subject": "Hi", "text": "bell \x07"}, "text"),
        ({"subject": "Hi", "text": "hi", "dry_run": "maybe"}, "dry_run"),
        ({"subject": "Hi", "text": "hi", "to": ["x@example.com"]}, "to"),
    ],
)
def test_bad_words_are_refused_naming_the_field(team, book, body, field):
    answer = team.clients["owner"].post(_path(team, book["segment"]), json=body)
    assert answer.status_code in (400, 422), answer.get_json()
    assert field in answer.get_json()["error"]["details"]


def test_recipients_gave_consent_and_come_once_per_address(app, team, book, email_outbox):
    dry = _dry(team, book["segment"]).get_json()
    assert dry["segment"] == {"id": book["segment"], "name": "Everyone"}
    assert dry["recipients"] == 3  # Asha, Ben, Gita (a guest): not Cara, Dan, Asha's address again, nor Zoe
    assert dry["cap"] == {"per_day": 5, "used": 0, "left": 5}
    assert "id" not in dry and email_outbox() == []

    sent = team.clients["owner"].post(_path(team, book["segment"]), json=WORDS)
    assert sent.status_code == 201, sent.get_json()
    assert (sent.get_json()["recipients"], sent.get_json()["cap"]["used"]) == (3, 3)
    rows = email_outbox()
    assert sorted(row["payload"]["snapshot"]["to"]["email"] for row in rows) == [
        "asha@example.com",
        "ben@example.com",
        "gita@example.com",
    ]
    assert {row["type"] for row in rows} == {"marketing_email"}
    with app.app_context():
        sent_row = db.session.get(MarketingEmail, sent.get_json()["id"])
        assert (sent_row.studio_id, sent_row.recipients, sent_row.subject) == (team.id, 3, WORDS["subject"])
        audit = db.session.scalars(select(AuditEntry.action).where(AuditEntry.studio_id == team.id)).all()
        assert "marketing_email.sent" in audit


def test_the_daily_cap_refuses_a_send_whole(team, book, email_outbox, assert_error):
    assert team.clients["owner"].post(_path(team, book["segment"]), json=WORDS).status_code == 201
    again = {"subject": "A second note", "text": "More news."}
    refused = team.clients["manager"].post(_path(team, book["segment"]), json=again)
    assert_error(refused, 409, "daily_cap_reached")
    assert refused.get_json()["error"]["details"] == {"per_day": 5, "used": 3, "left": 2}
    assert len(email_outbox()) == 3
    assert _dry(team, book["segment"]).get_json()["cap"]["left"] == 2


def test_the_same_words_twice_at_once_go_once(team, book, email_outbox, assert_error):
    assert team.clients["owner"].post(_path(team, book["segment"]), json=WORDS).status_code == 201
    assert_error(team.clients["owner"].post(_path(team, book["segment"]), json=WORDS), 409, "already_sent")
    assert len(email_outbox()) == 3


def test_a_segment_nobody_can_be_emailed_in_is_refused(team, other_team, book, assert_error):
    # Zoe's studio: its only client consented; once she is gone from the segment (by consent), nobody is left.
    answer = other_team.clients["owner"].post(_path(other_team, book["other_segment"]), json={**WORDS, "dry_run": True})
    assert answer.get_json()["recipients"] == 1
    with_nobody = team.clients["owner"].post(_path(team, 999_999), json=WORDS)
    assert_error(with_nobody, 404, "segment_not_found")


@pytest.mark.parametrize("status", [500, 401, 200])
def test_a_crm_answer_of_no_use_sends_nothing(make_app, team, book, fake_crm, assert_error, status):
    # A failing CRM, a refused token, an answer of another shape: 503, never a 500 of ours.
    fake_crm.queue(status, body={"unexpected": True})
    odd = make_app(migrate=False, CRM_BASE_URL=fake_crm.url).test_client()
    odd.environ_base.update(team.clients["owner"].environ_base)
    assert_error(odd.post(_path(team, book["segment"]), json=WORDS), 503, "crm_unavailable")
    assert [r.path for r in fake_crm.requests][-1].endswith("/recipients")


def test_the_crm_down_sends_nothing(make_app, team, book, dead_crm_url, assert_error):
    # A second app on the same database, its CRM address where nothing listens.
    down = make_app(migrate=False, CRM_BASE_URL=dead_crm_url).test_client()
    down.environ_base.update(team.clients["owner"].environ_base)
    assert_error(down.post(_path(team, book["segment"]), json=WORDS), 503, "crm_unavailable")


def test_two_sends_at_once_keep_the_cap(team, book, email_outbox):
    path = _path(team, book["segment"])
    calls = [
        lambda client=team.clients[role], words=words: client.post(path, json=words)
        for role, words in (("owner", WORDS), ("manager", {"subject": "Another", "text": "Other words."}))
    ]
    statuses = sorted(answer.status_code for answer in race(calls))
    assert statuses == [201, 409]
    assert len(email_outbox()) == 3


def test_a_segment_larger_than_the_cap_is_counted_whole_and_refused(app, team, book, email_outbox, assert_error):
    app.config["MARKETING_EMAILS_PER_DAY"] = 2  # the CRM is asked for 2: the third is counted, never read
    dry = _dry(team, book["segment"]).get_json()
    assert (dry["recipients"], dry["cap"]["left"]) == (3, 2)
    assert_error(team.clients["owner"].post(_path(team, book["segment"]), json=WORDS), 409, "daily_cap_reached")
    assert email_outbox() == []
