"""Attendee emails composed from the templates: MIME structure, headers, local times, the calendar file."""

from datetime import UTC, datetime
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from main_app.services.common.local_times import local_range
from main_app.services.emails.compose import compose, message_id

SENDER = "Sessions & Retreats <bookings@retreats.example>"
STAMP = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def snapshot(**changes) -> dict:
    body = {
        "to": {"name": "Asha Rao", "email": "asha@example.com"},
        "event": {
            "id": 4,
            "title": "Morning Vinyasa Flow <& friends>",
            "location": "Lotus Studio, Bengaluru",
            "timezone": "Asia/Kolkata",
            "facilitator": "Dr. Priya Sharma",
        },
        "session": {
            "id": 7,
            "starts_at": "2026-11-25T01:30:00+00:00",
            "ends_at": "2026-11-25T02:30:00+00:00",
            "instructor": {"id": 9, "name": "Meera Iyer"},
        },
        "studio": {"id": 2, "name": "Lotus Yoga", "slug": "lotus-yoga"},
        "booking": {"id": 31, "sequence": 0},
    }
    body.update(changes)
    return body


def confirmation(**changes):
    built = compose(
        "booking_confirmed",
        snapshot(**changes),
        outbox_id="0123abcd",
        sender=SENDER,
        web_url="https://booking.example.org/",
        stamp=STAMP,
    )
    return message_from_bytes(built.as_bytes(), policy=policy.default)  # as a mail client would read it


def test_a_confirmation_is_text_html_and_a_calendar_file():
    mail = confirmation()
    assert mail.get_content_type() == "multipart/mixed"
    assert [part.get_content_type() for part in mail.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    [ics] = [part for part in mail.iter_attachments()]
    assert ics.get_filename() == "booking.ics" and ics.get_param("method") == "REQUEST"


def test_headers_say_who_what_and_keep_one_message_id_per_outbox_message():
    mail = confirmation()
    assert mail["To"] == "Asha Rao <asha@example.com>"
    assert mail["From"] == SENDER
    assert mail["Subject"] == "Booked: Morning Vinyasa Flow <& friends>, Wed 25 Nov 2026, 07:00\u201308:00 IST"
    assert mail["Message-ID"] == "<0123abcd@retreats.example>" == message_id("0123abcd", SENDER)
    assert mail["Date"] == "Sun, 22 Nov 2026 09:00:00 +0000"


def test_both_bodies_give_the_local_time_with_its_zone_the_place_and_the_link():
    mail = confirmation()
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Wed 25 Nov 2026, 07:00\u201308:00 IST" in body
        assert "Lotus Studio, Bengaluru" in body and "Meera Iyer" in body and "Lotus Yoga" in body
        assert "https://booking.example.org/studios/lotus-yoga" in body  # the studio's public page
        assert "https://booking.example.org/bookings" in body
    assert "Morning Vinyasa Flow <& friends>" in text
    assert "Morning Vinyasa Flow &lt;&amp; friends&gt;" in html  # escaped in HTML, as sent in text
    assert "<style" not in html and 'style="' in html  # CSS inlined: mail clients drop <style>


def test_the_calendar_file_reads_back_in_the_events_zone():
    mail = confirmation()
    [attachment] = list(mail.iter_attachments())
    calendar = Calendar.from_ical(attachment.get_content())
    assert calendar["METHOD"] == "REQUEST"
    [entry] = calendar.walk("VEVENT")
    start = entry.decoded("DTSTART")
    assert start.tzinfo.key == "Asia/Kolkata"
    assert start == datetime(2026, 11, 25, 7, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert start == datetime.fromisoformat("2026-11-25T01:30:00+00:00")
    assert entry.decoded("DTEND") == datetime.fromisoformat("2026-11-25T02:30:00+00:00")
    assert str(entry["UID"]) == "booking-31@booking.example.org"  # the web app's host, as downloads and feeds
    assert entry["SEQUENCE"] == 0 and str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["ATTENDEE"]) == "mailto:asha@example.com"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]


def test_the_same_booking_keeps_its_uid_and_a_later_version_has_a_higher_sequence():
    first, later = confirmation(), confirmation(booking={"id": 31, "sequence": 2})
    entries = [Calendar.from_ical(next(m.iter_attachments()).get_content()).walk("VEVENT")[0] for m in (first, later)]
    assert entries[0]["UID"] == entries[1]["UID"]
    assert (entries[0]["SEQUENCE"], entries[1]["SEQUENCE"]) == (0, 2)


def test_bookings_of_one_session_each_carry_its_details_once_and_their_own():
    first = confirmation(
        session={"id": 8, "starts_at": "2026-12-01T04:00:00+00:00", "ends_at": "2026-12-01T05:00:00+00:00"}
    )
    second = confirmation(
        session={"id": 8, "starts_at": "2026-12-01T04:00:00+00:00", "ends_at": "2026-12-01T05:00:00+00:00"},
        booking={"id": 32, "sequence": 0},
        to={"name": "Ravi K", "email": "ravi@example.com"},
    )
    entries = [Calendar.from_ical(next(m.iter_attachments()).get_content()).walk("VEVENT")[0] for m in (first, second)]

    assert [str(e["UID"]) for e in entries] == ["booking-31@booking.example.org", "booking-32@booking.example.org"]
    assert [str(e["ATTENDEE"]) for e in entries] == ["mailto:asha@example.com", "mailto:ravi@example.com"]
    assert entries[1]["ATTENDEE"].params["CN"] == "Ravi K"
    for entry in entries:  # the session's details, once in each
        assert entry.decoded("DTSTART") == datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
        assert str(entry["SUMMARY"]) == "Morning Vinyasa Flow <& friends>"
        assert str(entry["LOCATION"]) == "Lotus Studio, Bengaluru"
        assert str(entry["ORGANIZER"]) == "mailto:bookings@retreats.example"
        assert [key for key in entry if key == "DTSTART"] == ["DTSTART"]
    moved = confirmation(  # the session's lines are written once per process: a change writes them anew
        session={"id": 8, "starts_at": "2026-12-01T06:00:00+00:00", "ends_at": "2026-12-01T07:00:00+00:00"},
        event={**snapshot()["event"], "location": ""},
    )
    [entry] = Calendar.from_ical(next(moved.iter_attachments()).get_content()).walk("VEVENT")
    assert entry.decoded("DTSTART") == datetime(2026, 12, 1, 11, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert "LOCATION" not in entry and str(entry["UID"]) == "booking-31@booking.example.org"


@pytest.mark.parametrize(
    "starts, ends, zone, expected",
    [
        (
            "2026-03-23T08:00:00+00:00",
            "2026-03-23T09:00:00+00:00",
            "Europe/Berlin",
            "Mon 23 Mar 2026, 09:00\u201310:00 CET",
        ),
        # The weekly class after the clocks change: still 09:00 where it happens.
        (
            "2026-03-30T07:00:00+00:00",
            "2026-03-30T08:00:00+00:00",
            "Europe/Berlin",
            "Mon 30 Mar 2026, 09:00\u201310:00 CEST",
        ),
        (
            "2026-11-25T01:30:00+00:00",
            "2026-11-25T02:30:00+00:00",
            "Asia/Kolkata",
            "Wed 25 Nov 2026, 07:00\u201308:00 IST",
        ),
        (
            "2026-11-25T01:30:00+00:00",
            "2026-11-25T02:30:00+00:00",
            "Asia/Tokyo",
            "Wed 25 Nov 2026, 10:30\u201311:30 JST",
        ),
        (
            "2026-11-25T12:00:00+00:00",
            "2026-11-25T13:00:00+00:00",
            "America/Sao_Paulo",
            "Wed 25 Nov 2026, 09:00\u201310:00 UTC-03",
        ),
        (
            "2026-11-25T20:00:00+00:00",
            "2026-11-27T10:00:00+00:00",
            "Asia/Kolkata",
            "Thu 26 Nov 2026, 01:30 IST \u2013 Fri 27 Nov 2026, 15:30 IST",
        ),
    ],
)
def test_local_ranges(starts, ends, zone, expected):
    assert local_range(datetime.fromisoformat(starts), datetime.fromisoformat(ends), zone) == expected


def compose_kind(kind: str, **extra):
    built = compose(kind, snapshot(**extra), outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    return message_from_bytes(built.as_bytes(), policy=policy.default)


WEB = "https://booking.example.org"
UNSUBSCRIBE = {
    "unsubscribe_url": "https://api.example.org/auth/reminders/unsubscribe?token=t0k",
    "unsubscribe_page": f"{WEB}/unsubscribe?token=t0k",
}
EVERY_KIND = {
    "booking_confirmed": ({}, "REQUEST", "You're booked"),
    "booking_cancelled": ({"by": "facilitator", "reason": "The studio <flooded>"}, "CANCEL", "The studio"),
    "booking_reactivated": ({}, "REQUEST", "booked again"),
    "booking_changed": (
        {
            "changes": [
                {
                    "label": "When",
                    "from": "Tue 24 Nov 2026, 07:00\u201308:00 IST",
                    "to": "Wed 25 Nov 2026, 07:00\u201308:00 IST",
                }
            ]
        },
        "REQUEST",
        "Tue 24 Nov 2026, 07:00\u201308:00 IST",
    ),
    "waitlist_promoted": ({}, "REQUEST", "first on the waiting list"),
    "facilitator_message": (
        {
            "subject": "Bring a <warm> layer",
            "text": "The hall is cold.",
            "reply_to": {"name": "Priya", "email": "p@x.in"},
        },
        None,
        "The hall is cold.",
    ),
    "reminder_24h": (UNSUBSCRIBE, None, "is tomorrow"),
    "reminder_2h": (UNSUBSCRIBE, None, "starts in about two hours"),
    "seat_held": (
        {"pay": {"amount": "₹800", "by": "Tue 24 Nov 2026, 06:45 IST", "url": f"{WEB}/bookings/1/payment"}},
        None,
        "pay ₹800 by Tue 24 Nov 2026, 06:45 IST",
    ),
    "hold_ended": ({"reason": "declined"}, None, "The payment was declined"),
    "approval_request": (
        {
            "person": {"name": "Meera Iyer", "email": "meera@example.com"},
            "seats": 2,
            "until": "Mon 30 Nov 2026, 07:00 IST",
            "review_url": f"{WEB}/facilitator/approvals",
        },
        None,
        "asks to book 2 seats",
    ),
    "approval_granted": (
        {"pay": {"amount": "₹45,000", "by": "Tue 24 Nov 2026, 06:45 IST", "url": f"{WEB}/bookings/1/payment"}},
        None,
        "Pay ₹45,000 by Tue 24 Nov 2026, 06:45 IST",
    ),
    "approval_declined": ({"message": "Try the spring retreat."}, None, "declined your request"),
    "approval_expired": ({}, None, "was not decided in time"),
    "approval_waitlisted": ({}, None, "first on the waiting list"),
    # A guest's address is the booker's to type: no word of the booker's (not even their name) goes to it.
    "guest_confirmed": (UNSUBSCRIBE, "REQUEST", "A seat was booked for you"),
    "guest_changed": (
        {**UNSUBSCRIBE, "changes": [{"label": "Where", "from": "Studio 1", "to": "Studio 2"}]},
        "REQUEST",
        "changed the session booked for you",
    ),
    "guest_cancelled": ({**UNSUBSCRIBE, "by": "booker"}, "CANCEL", "The person who booked your seat gave it back"),
    "guest_reminder": ({**UNSUBSCRIBE, "lead": "Tomorrow"}, None, "the session booked for you is tomorrow"),
}


@pytest.mark.parametrize(
    "kind, changes",
    [
        *((kind, EVERY_KIND[kind][0]) for kind in EVERY_KIND),
        ("booking_confirmed", {"to": {"name": "Zoë Ångström-Đặng", "email": "zoe@example.com"}}),
        ("booking_confirmed", {"to": {"name": "A" * 1200, "email": "long@example.com"}}),  # beyond 998: folded
    ],
)
def test_every_header_is_written_as_the_standard_policy_writes_it(kind, changes):
    built = compose(kind, snapshot(**changes), outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    standard = policy.compat32.clone(linesep="\r\n", max_line_length=998)

    assert built.as_bytes() == built.as_bytes(policy=standard)
    assert built.as_string() == built.as_string(policy=standard)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_kind_has_both_bodies_with_the_local_time_and_the_right_calendar_method(kind):
    extra, method, says = EVERY_KIND[kind]
    mail = compose_kind(kind, **extra)
    text, html = mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Wed 25 Nov 2026, 07:00\u201308:00 IST" in body
        # A guest has no account: only the booker manages the booking, so a guest's email has no link to it; nor has
        # the facilitator's news of a request (their link is to the approval queue).
        assert (f"{WEB}/bookings" in body) != (kind.startswith("guest_") or kind == "approval_request")
        assert says in body.replace("&#39;", "'")
    assert "<" not in text.replace("<flooded>", "").replace("<& friends>", "").replace(
        "<warm>", ""
    )  # plain text carries no markup
    attachments = list(mail.iter_attachments())
    if method is None:
        assert attachments == []
    else:
        [ics] = attachments
        calendar = Calendar.from_ical(ics.get_content())
        assert (calendar["METHOD"], ics.get_param("method")) == (method, method)
        [entry] = calendar.walk("VEVENT")
        assert str(entry["STATUS"]) == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")


def test_a_cancellation_by_the_facilitator_gives_their_reason_escaped_in_html():
    mail = compose_kind("booking_cancelled", by="facilitator", reason="The studio <flooded>")
    assert mail["Subject"].startswith("Cancelled: Morning Vinyasa Flow")
    assert "The studio &lt;flooded&gt;" in mail.get_body(("html",)).get_content()
    assert "Their reason: The studio <flooded>" in mail.get_body(("plain",)).get_content()
    mine = compose_kind("booking_cancelled", by="you", reason=None)
    assert "As you asked" in mine.get_body(("plain",)).get_content()


MOVED = {
    "label": "When",
    "from": "Tue 24 Nov 2026, 07:00\u201308:00 IST",
    "to": "Wed 25 Nov 2026, 07:00\u201308:00 IST",
}
RELOCATED = {"label": "Where", "from": "Studio 1", "to": "Lotus Studio, Bengaluru"}
RENAMED = {"label": "What", "from": "Morning Flow", "to": "Morning Vinyasa Flow <& friends>"}


@pytest.mark.parametrize(
    "changes, subject",
    [
        ([RELOCATED], "New place: Morning Vinyasa Flow <& friends>, Wed 25 Nov 2026, 07:00\u201308:00 IST"),
        ([MOVED], "New time: Morning Vinyasa Flow <& friends>, now Wed 25 Nov 2026, 07:00\u201308:00 IST"),
        (
            [RELOCATED, MOVED],
            "New time and place: Morning Vinyasa Flow <& friends>, now Wed 25 Nov 2026, 07:00\u201308:00 IST",
        ),
        (
            [RENAMED, RELOCATED],
            "New place and name: Morning Vinyasa Flow <& friends>, Wed 25 Nov 2026, 07:00\u201308:00 IST",
        ),
        (
            [RENAMED, RELOCATED, MOVED],
            "New time, place and name: Morning Vinyasa Flow <& friends>, now Wed 25 Nov 2026, 07:00\u201308:00 IST",
        ),
    ],
)
def test_a_change_emails_subject_says_what_changed(changes, subject):
    mail = compose_kind("booking_changed", changes=changes)
    assert mail["Subject"] == subject
    # A place-only change does not speak of a new time in its body either.
    if changes == [RELOCATED]:
        assert "new time" not in mail.get_body(("plain",)).get_content()


def test_reminders_carry_one_click_unsubscribe_and_transactional_mail_does_not():
    reminder = compose_kind("reminder_2h", **UNSUBSCRIBE)
    assert reminder["List-Unsubscribe"] == f"<{UNSUBSCRIBE['unsubscribe_url']}>"
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert UNSUBSCRIBE["unsubscribe_page"] in reminder.get_body(("plain",)).get_content()
    confirmation_mail = compose_kind("booking_confirmed")
    assert confirmation_mail["List-Unsubscribe"] is None and confirmation_mail["Auto-Submitted"] == "auto-generated"


def test_welcome_and_password_reset_need_no_booking():
    for kind, extra, says in (
        ("welcome", {}, f"{WEB}/"),
        ("password_reset", {"reset_url": f"{WEB}/reset-password?token=abc"}, f"{WEB}/reset-password?token=abc"),
    ):
        built = compose(
            kind,
            {"to": {"name": "Asha Rao", "email": "asha@example.com"}, **extra},
            outbox_id="0123abcd",
            sender=SENDER,
            web_url=WEB,
            stamp=STAMP,
        )
        mail = message_from_bytes(built.as_bytes(), policy=policy.default)
        assert says in mail.get_body(("plain",)).get_content() and says in mail.get_body(("html",)).get_content()
        assert list(mail.iter_attachments()) == []


def test_a_title_or_name_with_line_breaks_stays_one_header_line():
    mail = compose_kind(
        "booking_confirmed",
        to={"name": "Asha\r\nBcc: everyone@example.com", "email": "asha@example.com"},
        event={**snapshot()["event"], "title": "Flow\nX-Injected: yes"},
    )
    assert mail["Subject"].startswith("Booked: Flow X-Injected: yes, ")
    assert mail["X-Injected"] is None and mail["Bcc"] is None
    assert "asha@example.com" in mail["To"] and "\n" not in mail["To"]


def test_the_end_of_a_waiting_list_needs_no_booking():
    body = snapshot(reason="The facilitator cancelled this session.")
    del body["booking"]
    built = compose("waitlist_ended", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert mail["Subject"].startswith("No seat came free: Morning Vinyasa Flow")
    text = mail.get_body(("plain",)).get_content()
    assert "The facilitator cancelled this session." in text and "07:00\u201308:00 IST" in text
    assert list(mail.iter_attachments()) == []


def test_a_facilitators_message_keeps_their_words_and_paragraphs_and_replies_go_to_them():
    text = "Dear all,\n\nThe hall is cold in the mornings.\nBring a <b>warm</b> layer.\n\nSee you, Priya"
    mail = compose_kind(
        "facilitator_message",
        subject="Bring a warm layer\r\nBcc: everyone@example.com",
        text=text,
        reply_to={"name": "Priya\nSharma", "email": "priya@example.in"},
    )
    assert mail["Subject"].startswith("Bring a warm layer Bcc: everyone@example.com (")  # one line, no new header
    assert mail["Bcc"] is None
    assert mail["Reply-To"] == "Lotus Yoga <priya@example.in>"  # the studio's name, the writer's address
    assert mail["Auto-Submitted"] == "auto-generated"
    plain, html = mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()
    assert text in plain.replace("\r\n", "\n")
    assert "Bring a &lt;b&gt;warm&lt;/b&gt; layer" in html and "<b>warm</b>" not in html  # escaped, not markup
    assert html.count("<p style") >= 3  # its paragraphs stay paragraphs


def test_a_paid_confirmation_carries_its_receipt_and_a_refunded_cancellation_says_so():
    receipt = {"amount": "₹800", "payment_id": "tpay_1", "provider": "test", "paid_at": "2026-11-22T00:00:00+00:00"}
    confirmed = compose_kind("booking_confirmed", receipt=receipt)
    text = confirmed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    facts = "With:   Meera Iyer\nStudio: Lotus Yoga (https://booking.example.org/studios/lotus-yoga)"
    assert f"{facts}\n\nPaid: ₹800\nPayment: tpay_1 (test)\nThis email is your receipt.\n\nSee" in text
    assert "₹800" in confirmed.get_body(("html",)).get_content()
    cancelled = compose_kind("booking_cancelled", by="facilitator", reason="Flood", refund={"amount": "₹800"})
    text = cancelled.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "\n\nRefund: ₹800, in full, is on its way back to you" in text
    refunded = compose_kind("refund_processed", refund={"amount": "₹800"})
    assert (
        refunded["Subject"].startswith("Refunded: ")
        and "₹800 has been refunded" in refunded.get_body(("plain",)).get_content()
    )


@pytest.mark.parametrize(
    ("credit", "plain", "html"),
    [
        ({"credits": 1, "outcome": "return"}, "Your pass: 1 credit back on it.", "1 credit back on it"),
        ({"credits": 2, "outcome": "return"}, "Your pass: 2 credits back on it.", "2 credits back on it"),
        ({"credits": 1, "outcome": "forfeit"}, "so the credit stays used.", "so the credit stays used"),
    ],
)
def test_a_cancellation_booked_with_a_pass_says_what_became_of_the_credit(credit, plain, html):
    cancelled = compose_kind("booking_cancelled", by="you", credit=credit)
    assert plain in cancelled.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert html in cancelled.get_body(("html",)).get_content()


PACK_SNAPSHOT = {
    "to": {"name": "Asha", "email": "asha@example.com", "user_id": 1},
    "pass": {
        "name": "5-class pack",
        "kind": "pack",
        "credits": 5,
        "credits_left": 1,
        "sessions_per_week": None,
        "valid_until": "22 Feb 2027",
        "renews": False,
    },
}


@pytest.mark.parametrize(
    ("kind", "extra", "subject", "says"),
    [
        (
            "pass_receipt",
            {"receipt": {"amount": "₹2,500", "payment_id": "tpay_9", "provider": "test"}},
            "Your pass: 5-class pack",
            "Paid: ₹2,500",
        ),
        ("pass_receipt", {"receipt": {"amount": "₹0"}}, "Your pass: 5-class pack", "Paid: ₹0"),
        ("pass_last_credit", {}, "One class left on 5-class pack", "has one credit left, good until 22 Feb 2027"),
        ("pass_ending", {}, "5-class pack ends on 22 Feb 2027", "credits left then can no longer be used"),
        ("pass_renewed", {"receipt": {"amount": "₹4,500"}}, "Renewed: 5-class pack", "runs on until 22 Feb 2027"),
        (
            "pass_renewal_declined",
            {"lapses_on": "25 Feb 2027", "failure": "Card declined"},
            "Your renewal was declined: 5-class pack",
            "the membership ends on 25 Feb 2027",
        ),
        (
            "pass_pre_debit",
            {"renewal": {"amount": "₹4,500", "charge_at": "Mon 22 Feb 2027, 07:00 IST", "method": "UPI AutoPay"}},
            "Your 5-class pack renews on Mon 22 Feb 2027, 07:00 IST: ₹4,500",
            "₹4,500 will be charged to UPI AutoPay on Mon 22 Feb 2027, 07:00 IST",
        ),
    ],
)
def test_a_passes_emails_say_what_it_has_left_and_until_when(kind, extra, subject, says):
    built = compose(kind, {**PACK_SNAPSHOT, **extra}, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert mail["Subject"] == subject
    text, html = mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()
    assert says in text.replace("\r\n", "\n") and f"{WEB}/my-passes" in html
    assert "1 of 5 left" in text and list(mail.iter_attachments()) == []


def test_a_lapsed_membership_says_it_has_ended():
    built = compose("pass_lapsed", PACK_SNAPSHOT, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert mail["Subject"] == "Ended: 5-class pack"
    assert "its renewal could not be charged" in mail.get_body(("plain",)).get_content()


def test_an_email_queued_before_studios_names_the_facilitator_as_it_did():
    body = snapshot()
    del body["studio"], body["session"]["instructor"]
    mail = message_from_bytes(
        compose("booking_confirmed", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP).as_bytes(),
        policy=policy.default,
    )
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "With:   Dr. Priya Sharma\nStudio: Dr. Priya Sharma\n" in text and "/studios/" not in text
    [entry] = Calendar.from_ical(next(mail.iter_attachments()).get_content()).walk("VEVENT")
    assert entry["ORGANIZER"].params["CN"] == "Dr. Priya Sharma"
    assert str(entry["DESCRIPTION"]) == f"Your booking: {WEB}/bookings"


def test_the_request_waits_on_the_studio_and_a_pass_names_its_studio():
    waitlisted = compose_kind("approval_waitlisted")
    assert waitlisted["Subject"].startswith("A seat came free, your request is with Lotus Yoga: ")
    assert "while Lotus Yoga decides" in waitlisted.get_body(("plain",)).get_content()
    pass_facts = {"name": "5-class pack", "kind": "pack", "credits": 5, "credits_left": 5, "valid_until": "1 Mar 2027"}
    body = {"to": snapshot()["to"], "studio": snapshot()["studio"], "pass": pass_facts, "receipt": {"amount": "₹800"}}
    built = compose("pass_receipt", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert f"Studio:      Lotus Yoga ({WEB}/studios/lotus-yoga)" in mail.get_body(("plain",)).get_content()
    assert f'<a href="{WEB}/studios/lotus-yoga"' in mail.get_body(("html",)).get_content()


def test_an_account_made_at_the_door_names_the_studio_beside_who_made_it():
    body = {"to": {**snapshot()["to"], "user_id": 3}, "by": "Ravi Desk", "event": {"title": "Yin"}}
    body |= {"studio": snapshot()["studio"], "reset_url": f"{WEB}/reset-password?token=t"}
    built = compose("account_made", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    for part in ("plain", "html"):
        assert "Ravi Desk at Lotus Yoga booked you in at Yin" in mail.get_body((part,)).get_content()


def test_a_childs_booking_email_says_whom_the_seat_is_for():
    body = {**snapshot(), "child": {"id": 4, "name": "Asha"}}
    built = compose("booking_confirmed", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    assert "For:    Asha" in mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert ">For</th>" in html and ">Asha</td>" in html


def test_an_account_made_for_a_grown_child_says_their_guardian_moved_their_classes_to_it():
    body = {"to": {**snapshot()["to"], "user_id": 3}, "by": "Priya Rao", "family": True}
    body |= {"reset_url": f"{WEB}/reset-password?token=t"}
    built = compose("account_made", body, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    mail = message_from_bytes(built.as_bytes(), policy=policy.default)
    for part in ("plain", "html"):
        said = mail.get_body((part,)).get_content()
        assert "Priya Rao made you an account on Sessions &" in said and "moved the classes they booked for you" in said
        assert f"{WEB}/reset-password?token=t" in said


def _bodies(mail) -> tuple[str, str, str]:
    """The plain text, the HTML and the calendar file's description of a mail."""
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    [ics] = [part for part in mail.iter_attachments()]
    [entry] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    return text, html, str(entry["DESCRIPTION"])


def test_an_online_class_s_emails_carry_its_join_page_never_its_link():
    online = snapshot()
    online["session"] = {**online["session"], "mode": "hybrid"}
    text, html, description = _bodies(confirmation(session=online["session"]))
    join = "https://booking.example.org/join/31"
    assert f"Online: {join}" in text and f'href="{join}"' in html and f"Join online: {join}" in description
    in_person = _bodies(confirmation())
    assert not any("/join/" in body for body in in_person)


def test_a_guests_email_carries_their_own_join_page_never_the_bookers():
    guest = snapshot(**UNSUBSCRIBE)
    guest["session"] = {**guest["session"], "mode": "online"}
    guest["guest_join"] = "signed-token"
    built = compose("guest_confirmed", guest, outbox_id="0123abcd", sender=SENDER, web_url=WEB, stamp=STAMP)
    assert f"{WEB}/join/guest/signed-token" in built.as_string()
    assert f"{WEB}/join/{guest['booking']['id']}" not in built.as_string()


@pytest.mark.parametrize(
    "content",
    [
        "Hello Asha,\nsee you on Monday.\n",
        "a line of ninety characters " * 6 + "\n= signs, tabs\t, trailing spaces   \nनमस्ते — café ✓\n" * 3,
        '<td style="padding: 0 0 8px 0">' + "x" * 300 + "</td>\r\nend without a newline ",
        "typed in a browser\r\nwith a lone\rreturn\r\n\r\n",
        ".\nFrom here\n\n\n",
    ],
)
def test_text_parts_are_written_as_the_library_would_write_them(content):
    from email.charset import QP, Charset
    from email.message import Message

    from main_app.services.emails.mime import MAIL_POLICY, text_part

    charset = Charset("utf-8")
    charset.body_encoding = QP
    expected = Message(policy=MAIL_POLICY)
    expected.set_payload(content, charset)
    expected.set_type("text/html")
    expected.set_param("method", "REQUEST")
    written = text_part(content, "html", method="REQUEST")
    assert written.get_payload(decode=True) == expected.get_payload(decode=True)
    assert max(len(line) for line in written.as_bytes().split(b"\r\n")) <= 76
    if not content.startswith("."):  # a line of a lone dot: binascii writes it as =2E, the library as it is
        assert written.as_bytes() == expected.as_bytes()
