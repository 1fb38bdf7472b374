"""Pre-debit notices: every membership that renews automatically has its person told, PRE_DEBIT_NOTICE_HOURS (48 by
default, 24 at least) before each renewal, of the amount, the date and how to stop it; once per period, and never
after renewal stopped or the membership lapsed."""

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from pass_shop import MEMBERSHIP

from main_app.config import load_config
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, Pass, Studio, utcnow
from main_app.services.common import local_time
from main_app.services.emails.compose import compose as compose_email
from main_app.services.payments import pre_debit, renewals
from main_app.services.texts.compose import compose as compose_text
from main_app.services.texts.compose import encoding, length

WEB = "https://booking.example.org"


def member_of(user_client) -> dict:
    return user_client.get("/me/passes").get_json()["items"][0]


def notices(app) -> list[OutboxMessage]:
    """The pending pre-debit notices, oldest period first."""
    with app.app_context():
        found = sa.select(OutboxMessage).where(
            OutboxMessage.type == "pre_debit_notice", OutboxMessage.status == "pending"
        )
        rows = db.session.scalars(found).all()
        db.session.expunge_all()
        return sorted(rows, key=lambda row: row.payload["period_end"])


def make_due(app, kind: str) -> None:
    """Time passes: the pending timed jobs of this kind are due now."""
    with app.app_context(), unit_of_work():
        rows = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        )
        for row in rows:
            row.next_attempt_at = utcnow() - timedelta(seconds=1)


def sent(email_outbox) -> list[dict]:
    return [m for m in email_outbox() if m["type"] == "pass_pre_debit"]


def at(moment) -> datetime:
    """A stored moment, compared in UTC (SQLite gives it back without its zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_a_notice_is_written_at_purchase_48_hours_before_the_renewal(app, put_on_sale, buy, user_client):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member = member_of(user_client)
    [notice] = notices(app)
    period_end = datetime.fromisoformat(member["valid_until"])
    assert notice.payload == {"notice_pass": member["id"], "period_end": member["valid_until"], "amount": 450_000}
    assert at(notice.next_attempt_at) == period_end - timedelta(hours=48)


def test_when_due_the_person_hears_the_amount_the_date_and_how_to_stop(
    app, put_on_sale, buy, user_client, payments_lane, email_outbox
):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member = member_of(user_client)
    make_due(app, "pre_debit_notice")
    payments_lane()
    [email] = sent(email_outbox)
    with app.app_context():
        zone = db.session.get(Studio, db.session.get(Pass, member["id"]).studio_id).timezone
    when = local_time(datetime.fromisoformat(member["valid_until"]), zone)
    renewal = email["payload"]["snapshot"]["renewal"]
    assert renewal == {
        "amount": "₹4,500",
        "currency": "INR",
        "charge_at": when,
        "method": "the card on file (test payments)",
        # The same as values, for the email to write in its person's language.
        "value": 450_000,
        "charges_at": member["valid_until"],
        "zone": zone,
    }
    plain, html, subject = rendered(email["payload"]["snapshot"])
    assert subject == f"Your Unlimited monthly renews on {when}: ₹4,500"
    for body in (plain, html):
        assert "₹4,500" in body and when in body and f"{WEB}/my-passes" in body and "test payments" in body
    assert notices(app) == []  # sent once; the renewal itself is still to come
    assert [m.type for m in pending(app, "pass_renewal")] == ["pass_renewal"]


def pending(app, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        found = sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        return db.session.scalars(found).all()


def rendered(snapshot: dict) -> tuple[str, str, str]:
    """The email as it goes: its plain and HTML parts and its subject."""
    built = compose_email(
        "pass_pre_debit",
        snapshot,
        outbox_id="0123abcd",
        sender="Studio <bookings@studio.example>",
        web_url=WEB + "/",
        stamp=datetime(2026, 11, 22, 9, tzinfo=UTC),
    )
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    return mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content(), mail["Subject"]


def test_each_renewal_writes_the_next_periods_notice(app, put_on_sale, buy, user_client, payments_lane, email_outbox):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    make_due(app, "pre_debit_notice")
    make_due(app, "pass_renewal")
    payments_lane()
    renewed = member_of(user_client)
    [following] = notices(app)
    assert following.payload["period_end"] == renewed["valid_until"]
    assert at(following.next_attempt_at) == datetime.fromisoformat(renewed["valid_until"]) - timedelta(hours=48)
    assert len(sent(email_outbox)) == 1


def test_stopping_renewal_first_means_no_notice(app, put_on_sale, buy, user_client, payments_lane, email_outbox):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    assert user_client.post(f"/me/passes/{member_of(user_client)['id']}/cancel").status_code == 200
    make_due(app, "pre_debit_notice")
    payments_lane()
    assert sent(email_outbox) == []


def test_a_lapsed_membership_hears_nothing(app, put_on_sale, buy, user_client, payments_lane, email_outbox):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    with app.app_context(), unit_of_work():
        db.session.execute(sa.update(Pass).values(status="lapsed"))
    make_due(app, "pre_debit_notice")
    payments_lane()
    assert sent(email_outbox) == []


def test_a_period_is_noticed_once_however_often_it_is_set(app, put_on_sale, buy, user_client):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member = member_of(user_client)
    with app.app_context(), unit_of_work():
        sold = db.session.get(Pass, member["id"])
        pre_debit.schedule_notice(sold, 450_000)
        pre_debit.schedule_notice(sold, 450_000)
    assert len(notices(app)) == 1


def test_a_notice_comes_at_once_when_late_and_not_at_all_under_24_hours(app, put_on_sale, buy, user_client):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member_id = member_of(user_client)["id"]
    for hours_left, expected in ((30, "now"), (23, None)):
        with app.app_context(), unit_of_work():
            db.session.execute(
                sa.delete(OutboxMessage).where(OutboxMessage.type.in_(["pre_debit_notice", "pass_renewal"]))
            )
            sold = db.session.get(Pass, member_id)
            sold.valid_until = utcnow() + timedelta(hours=hours_left)
            db.session.flush()
            before = utcnow()
            renewals.schedule(sold, "test", None, account=None)
        found = notices(app)
        if expected is None:
            assert found == []
        else:
            [notice] = found
            assert before <= at(notice.next_attempt_at) <= before + timedelta(hours=1)


def test_a_person_with_texts_on_gets_a_one_part_text(
    app, put_on_sale, buy, user_client, verify_phone, payments_lane, drainer
):
    verify_phone(user_client)
    buy(user_client, put_on_sale(MEMBERSHIP, name="The Very Long Unlimited Monthly Membership of Every Class")["id"])
    make_due(app, "pre_debit_notice")
    payments_lane()
    [text] = [m for m in pending(app, "pass_pre_debit") if m.channel == "sms"]
    body = compose_text("pass_pre_debit", text.payload["snapshot"], WEB)
    assert encoding(body) == "gsm7" and length(body) <= 160
    assert "INR 4,500" in body and f"{WEB}/my-passes" in body
    # The pass's name is what gives way, by as much as the renewal's date takes ("Fri 1 Jan" is shorter than
    # "Wed 31 Dec"): shortened with "...", never dropped.
    assert re.search(r"The Very Lon?g?\.\.\. renews ", body), body
    assert text.payload["snapshot"]["renewal"]["charge_at"] in body
    drainer("sms")()
    with app.app_context():
        assert db.session.get(OutboxMessage, text.id).status == "delivered"


def test_the_notice_hours_are_never_under_the_rules_24():
    assert load_config({"PRE_DEBIT_NOTICE_HOURS": "72"})["PRE_DEBIT_NOTICE_HOURS"] == 72
    with pytest.raises(RuntimeError, match="24 or more"):
        load_config({"PRE_DEBIT_NOTICE_HOURS": "12"})
