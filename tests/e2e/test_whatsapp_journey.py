"""WhatsApp in real Chromium against the real services and the Cloud API's stand-in: a Hindi reader turns WhatsApp on
in her account and books; her confirmation reaches WhatsApp as the Hindi template (read on the development mailbox
page); she replies "कल आ रही हूँ" from there, the studio's owner at the desk reads it in her timeline and answers inside
the 24-hour window; she sends STOP, and her reminder then reaches her by email, never by WhatsApp.

The shared web stack sends WhatsApp through the stand-in (conftest's whatsapp_stand_in): the owner connects a number
of the studio's own on Studio settings, whose webhooks the stand-in signs and sends to the callback URL shown there."""

import dataclasses
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from live_stack import wait_for
from playwright.sync_api import expect
from site_pages import said
from test_journeys import register
from test_payments_journey import PASSWORD, texts_to
from test_studio_desk_journey import PHONE, Studio, staff_page
from test_studio_team_journey import make_studio
from whatsapp_shapes import STUDIO_A

from main_app.models import Booking, OutboxMessage, User
from main_app.services.whatsapp import submissions

pytestmark = pytest.mark.e2e
NUMBER, WA_ID = "+919876500001", "919876500001"
REPLY, ANSWER = "कल आ रही हूँ", "ज़रूर, आपकी जगह पक्की है। कल मिलते हैं!"
# The studio's own number on the stand-in: STUDIO_A's ids with an app secret our settings take (32 hex digits).
OWN = dataclasses.replace(STUDIO_A, app_secret="5bcdef0123456789abcdef0123456785")


def connect_number(owner, stack, stand_in) -> None:
    """The owner connects the studio's own number on Studio settings; the stand-in sends its webhooks to the callback
    URL the page then shows."""
    staff_page(owner, "Settings")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Studio settings")
    card = owner.get_by_role("form", name="The studio's own WhatsApp number")
    for label, value in (
        ("Phone number ID", OWN.phone_number_id),
        ("WhatsApp Business Account ID", OWN.waba_id),
        ("Access token", OWN.access_token),
        ("App secret", OWN.app_secret),
        ("Verify token", OWN.verify_token),
    ):
        card.get_by_label(label, exact=True).fill(value)
    card.get_by_role("button", name="Connect the number").click()
    expect(owner.get_by_text("Saved: the studio's messages now go through its own number.")).to_be_visible()
    callback = owner.locator(".whatsapp-webhook code.webhook-url").inner_text()
    stand_in.add_number(dataclasses.replace(OWN, webhook_url=callback))
    assert stand_in.verify(OWN.phone_number_id)  # Meta's handshake with the studio's address
    with stack._app.app_context():  # the owner submits our templates, in every language, and Meta approves them
        stand_in.approve_templates(submissions(stack._app.config["PUBLIC_WEB_URL"]))


def add_class_tomorrow(studio: Studio, title: str) -> int:
    """A free class a day and three hours ahead (both its reminders still to come): its event's id."""
    starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=27)
    session = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 12}
    body = {"title": title, "kind": "session", "timezone": "Asia/Kolkata", "location": "Hall A", "sessions": [session]}
    return studio.call("POST", f"/api/studios/{studio.slug}/events", json=body).json()["id"]


def prove(stack, token: str) -> None:
    """A Hindi reader's account with NUMBER proved by the code texted to it."""
    headers, main = {"Authorization": f"Bearer {token}"}, stack.main_url
    changed = stack.http.patch(f"{main}/auth/me", json={"language": "hi", "phone": NUMBER}, headers=headers, timeout=10)
    assert changed.status_code == 200, changed.text
    assert stack.http.post(f"{main}/auth/me/phone/code", headers=headers, timeout=10).status_code == 202
    [text] = wait_for(lambda: texts_to(stack, NUMBER), timeout=20, message="the code by text")
    code = re.search(r"\b(\d{6})\b", text["body"])[1]
    proved = stack.http.post(f"{main}/auth/me/phone/verify", json={"code": code}, headers=headers, timeout=10)
    assert proved.status_code == 200, proved.text


def templates_to(stand_in) -> list[dict]:
    return [line for line in stand_in.conversation(OWN.phone_number_id, WA_ID) if line["template"]]


def opt_in_and_book(page, event_id: int) -> None:
    """On her account page, in Hindi, she ticks WhatsApp on; then she books the class."""
    page.goto("/account")
    section = page.get_by_role("region", name=said("hi", "account:whatsapp.heading"))
    section.get_by_role("checkbox").check()
    expect(section.get_by_role("status")).to_have_text(said("hi", "account:whatsapp.savedOn"))
    page.goto(f"/events/{event_id}")
    page.get_by_role("row").nth(1).get_by_role("button", name=said("hi", "bookings:action.book")).click()
    page.get_by_role("dialog").get_by_role("button", name=said("hi", "bookings:book.confirm")).click()
    expect(page.get_by_text(said("hi", "bookings:outcome.booked"))).to_be_visible()


def reply_from_the_mailbox(page, text: str) -> None:
    """On the development mailbox page: the conversation with her number, written in as her."""
    page.goto("/mailbox")
    conversation = page.get_by_role("listitem", name=f"Conversation with {NUMBER}")
    conversation.get_by_label(f"Write as {NUMBER}").fill(text)
    conversation.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(re.compile("the stand-in passed it to the main API"))).to_be_visible()


def answer_from_the_timeline(owner, client_name: str) -> None:
    """The owner opens her client page: her words in the timeline, and an answer inside the window."""
    staff_page(owner, "Clients")
    owner.get_by_role("link", name=client_name, exact=True).click()
    panel = owner.get_by_role("region", name="WhatsApp", exact=True)
    expect(panel).to_contain_text(re.compile(r"You can answer until"))
    expect(owner.get_by_role("list", name=f"WhatsApp conversation with {client_name}")).to_contain_text(REPLY)
    panel.get_by_label(f"Your answer to {client_name}").fill(ANSWER)
    panel.get_by_role("button", name="Send").click()
    expect(panel.get_by_text(f"Sent to {client_name} on WhatsApp.")).to_be_visible()


def reminders(stack, channel: str, booking_id: int) -> list[dict]:
    """The booking's day-ahead reminders on channel: each one's status."""
    return stack.rows(
        sa.select(OutboxMessage.status).where(
            OutboxMessage.channel == channel,
            OutboxMessage.type == "reminder_24h",
            OutboxMessage.booking_id == booking_id,
        )
    )


def due_now(stack, booking_id: int) -> None:
    """Time passes: the booking's day-ahead reminder, on every channel still to send it, is due now."""
    due = sa.update(OutboxMessage).where(OutboxMessage.booking_id == booking_id, OutboxMessage.status == "pending")
    stack.write(due.where(OutboxMessage.type == "reminder_24h").values(next_attempt_at=datetime.now(UTC)))


def stop_then_remind(stack, stand_in, booking_id: int) -> None:
    """She sends STOP: its confirmation comes back, her WhatsApp reminder is taken back, and when the reminder is
    due it reaches her by email and by no WhatsApp message."""
    assert [row["status"] for row in reminders(stack, "whatsapp", booking_id)] == ["pending"]
    templates_before = len(templates_to(stand_in))
    stand_in.reply(OWN.phone_number_id, NUMBER, "STOP")
    wait_for(
        lambda: any("START" in line["text"] for line in stand_in.conversation(OWN.phone_number_id, WA_ID)),
        timeout=30,
        message="STOP's confirmation",
    )
    wait_for(lambda: not reminders(stack, "whatsapp", booking_id), timeout=30, message="the WhatsApp reminder gone")
    due_now(stack, booking_id)
    wait_for(
        lambda: [row for row in reminders(stack, "email", booking_id) if row["status"] == "delivered"],
        timeout=30,
        message="the reminder by email",
    )
    assert not reminders(stack, "whatsapp", booking_id)
    assert len(templates_to(stand_in)) == templates_before, "a WhatsApp template after STOP"


def test_a_hindi_reader_hears_on_whatsapp_and_talks_with_the_desk(new_page, web_stack, whatsapp_stand_in, screenshot):
    stand_in, tag = whatsapp_stand_in, uuid.uuid4().hex[:8]
    studio_name, owner_email, client_email = (
        f"Neem Studio {tag}",
        f"meera-{tag}@example.com",
        f"sunita-{tag}@example.com",
    )
    owner = new_page(width=1280, height=1000)
    register(owner, "Meera Owner", owner_email)
    make_studio(owner, studio_name)
    studio = Studio(web_stack, owner_email)
    connect_number(owner, web_stack, stand_in)
    screenshot(owner, "whatsapp-number", full_page=True)
    title = f"Pranayama {tag}"
    event_id = add_class_tomorrow(studio, title)

    prove(web_stack, web_stack.register("Sunita Joshi", client_email, PASSWORD)["access_token"])
    client = new_page(*PHONE)
    client.goto("/account")  # the login page first
    client.get_by_label("Email or username").fill(client_email)
    client.get_by_label("Password").fill(PASSWORD)
    client.get_by_role("button", name="Log in").click()
    expect(client.locator("html")).to_have_attribute("lang", "hi")  # her account's language, once it is known
    opt_in_and_book(client, event_id)

    # The confirmation on WhatsApp: the Hindi template, its words in Hindi, on the stand-in and its mailbox page.
    [confirmation] = wait_for(lambda: templates_to(stand_in), timeout=30, message="the confirmation on WhatsApp")
    assert confirmation["template"]["name"] == "booking_confirmed"
    assert confirmation["template"]["language"] == "hi" and title in confirmation["text"], confirmation
    assert re.search("[\u0900-\u097f]{4}", confirmation["text"]), confirmation["text"]
    desk = new_page(width=1280, height=1000)
    reply_from_the_mailbox(desk, REPLY)
    screenshot(desk, "whatsapp-mailbox")

    # The desk reads her reply in her timeline and answers it; the stand-in takes it as free-form text.
    answer_from_the_timeline(owner, "Sunita Joshi")
    screenshot(owner, "whatsapp-client-page", full_page=True)
    wait_for(
        lambda: [line for line in stand_in.conversation(OWN.phone_number_id, WA_ID) if line["text"] == ANSWER],
        timeout=30,
        message="the answer on WhatsApp",
    )

    # STOP, then the reminder: by email, not on WhatsApp.
    [booked] = web_stack.rows(sa.select(Booking.id).join(User).where(User.email == client_email))
    stop_then_remind(web_stack, stand_in, booked["id"])
