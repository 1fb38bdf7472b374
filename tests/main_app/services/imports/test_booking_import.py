"""A studio's clients' upcoming bookings brought in from the system it leaves: a Mindbody or Momence visits file (or
any, mapped) checked against the studio's upcoming classes by name and local start, then each row's seat booked by
the seat's own conditional update: no money, no credit (paid there), no confirmation (by email or text), the CRM
told; the same file again books nothing more, and the last seat goes to one row, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from racing import race
from sqlalchemy import func, select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_SMS,
    Booking,
    ClientImport,
    OutboxMessage,
    Payment,
    Studio,
    User,
    utcnow,
)
from main_app.services.imports.formats import KIND_BOOKINGS
from main_app.services.imports.writing import BOOKED, FOUND, MADE, REFUSED, write_row

pytestmark = pytest.mark.both_databases

KOLKATA = ZoneInfo("Asia/Kolkata")
DAY = datetime.now(KOLKATA).date() + timedelta(days=3)
STARTS = datetime.combine(DAY, time(18, 30), KOLKATA)  # the studio's wall clock: 13:00 UTC


@pytest.fixture
def classes(shop, make_event):
    """Evening Flow (paid, four seats) and Slow Yin (free, one seat), both on DAY at 18:30 in the studio's zone."""
    at = STARTS.astimezone(UTC)
    flow = make_event(title="Evening Flow", studio_id=shop.id, at=at, timezone="Asia/Kolkata", capacity=4, price=80000)
    yin = make_event(title="Slow Yin", studio_id=shop.id, at=at, timezone="Asia/Kolkata", capacity=1)
    return flow.session_ids[0], yin.session_ids[0]


def _visits(*rows: str) -> str:
    """A Mindbody Client Visits report: month-first dates, 12-hour times."""
    return "Client ID,Client Name,Email,Class Name,Visit Date,Visit Time\n" + "".join(row + "\n" for row in rows)


US_DAY = DAY.strftime("%m/%d/%Y")
MINDBODY = _visits(
    f"1,Asha Rao,asha@example.com,Evening Flow,{US_DAY},6:30 PM",
    f"2,Ben Ng,ben@example.com,evening  flow,{US_DAY},6:30 PM",
    f"3,Chandra Iyer,chandra@example.com,Hatha Basics,{US_DAY},6:30 PM",
    f"4,Dev Kapoor,dev@example.com,Evening Flow,{US_DAY},7:30 PM",
    "5,Esha Das,esha@example.com,Evening Flow,01/01/2020,6:30 PM",
    f"6,Asha Rao,asha@example.com,Evening Flow,{US_DAY},6:30 PM",
    f"7,Asha Rao,asha@example.com,Slow Yin,{US_DAY},6:30 PM",
    f"8,Farid Ali,farid@example.com,Evening Flow,{US_DAY},",
)


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_dry_run_finds_each_row_s_class_by_name_and_local_start(send, classes):
    flow, yin = classes
    status, checked = send(MINDBODY, kind="bookings")
    assert status == 200, checked
    assert (checked["kind"], checked["source"]) == ("bookings", "mindbody")
    assert checked["mapping"] == {
        "name": "Client Name", "email": "Email", "class_name": "Class Name",
        "class_date": "Visit Date", "class_time": "Visit Time",
    }  # fmt: skip
    errors = {(error["line"], error["field"]) for error in checked["errors"]}
    assert errors == {(4, "class_name"), (5, "class_name"), (6, "class_date"), (7, "email"), (9, "class_time")}
    assert (checked["rows_total"], checked["rows_ok"], checked["bookings"], checked["new_accounts"]) == (8, 3, 3, 2)
    preview = [(row["line"], row["session_id"], row["class_starts"]) for row in checked["preview"]]
    starts = STARTS.astimezone(UTC).isoformat()
    assert preview == [(2, flow, starts), (3, flow, starts), (8, yin, starts)]
    assert "pass_name" not in checked["fields"] and "class_time" in checked["fields"]


def test_a_momence_bookings_file_maps_itself_and_a_clients_field_is_refused(send, classes):
    text = "Customer,Customer email,Session name,Starts at\n"
    text += f"Kiran Joshi,kiran@example.com,Slow Yin,{STARTS.isoformat()}\n"
    status, checked = send(text, kind="bookings")
    assert status == 200 and (checked["source"], checked["errors"], checked["bookings"]) == ("momence", [], 1)
    status, refused = send(text, kind="bookings", mapping={"email": "Customer email", "pass_name": "Customer"})
    assert status == 400 and refused["error"]["code"] == "import_mapping_invalid"


def test_the_import_books_each_seat_once_with_no_money_no_credit_and_no_confirmation(app, shop, send, drainer, classes):
    flow, yin = classes
    status, job = send(MINDBODY, kind="bookings", dry_run=False)
    assert status == 202 and (job["kind"], job["rows_total"]) == ("bookings", 3)
    drainer("timers")()
    done = shop.owner.get(f"{shop.base}/{job['id']}").get_json()
    assert (done["status"], done["bookings_made"], done["accounts_made"], done["refused"]) == ("done", 3, 2, 0)
    with app.app_context():
        taken = {s: db.session.scalar(select(func.count()).where(Booking.session_id == s)) for s in classes}
        assert taken == {flow: 2, yin: 1}
        assert db.session.scalar(select(func.count()).select_from(Payment)) == 0
        assert db.session.scalar(select(func.count()).where(Booking.pass_id.is_not(None))) == 0
        emails = sorted(db.session.scalars(select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_EMAIL)))
        assert emails and "booking_confirmed" not in emails and set(emails) <= {"reminder_24h", "reminder_2h"}
        crm = sorted(db.session.scalars(select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_CRM)))
        assert crm.count("booking_created") == 3 and crm.count("client_imported") == 2
    outbox = _count(app, OutboxMessage)
    _status, again = send(MINDBODY, kind="bookings", dry_run=False)
    drainer("timers")()
    rerun = shop.owner.get(f"{shop.base}/{again['id']}").get_json()
    assert (rerun["status"], rerun["unchanged"], rerun["bookings_made"]) == ("done", 3, 0)
    assert _count(app, OutboxMessage) == outbox + 1 and _count(app, Booking) == 3  # its one step only


def test_a_class_that_filled_since_the_check_refuses_its_row_and_the_rest_go_on(app, shop, send, drainer, classes):
    _flow, yin = classes
    text = _visits(*(f"{n},Client {n},c{n}@example.com,Slow Yin,{US_DAY},6:30 PM" for n in range(4)))
    _status, job = send(text, kind="bookings", dry_run=False)
    drainer("timers")()
    done = shop.owner.get(f"{shop.base}/{job['id']}").get_json()
    assert (done["status"], done["bookings_made"], done["refused"], done["rows_done"]) == ("done", 1, 3, 4)
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Booking.session_id == yin)) == 1


@pytest.mark.parametrize("attempt", range(3))
def test_two_imports_racing_for_the_last_seat_book_it_once(app, shop, classes, attempt):
    _flow, yin = classes
    with app.app_context(), unit_of_work():
        jobs = [ClientImport(studio_id=shop.id, source="csv", kind=KIND_BOOKINGS, created_at=utcnow()) for _ in "ab"]
        db.session.add_all(jobs)
        db.session.flush()
        job_ids = [job.id for job in jobs]

    def write(job_id: int, email: str):
        with app.app_context(), unit_of_work():
            row = {"name": email.split("@")[0], "email": email, "session_id": yin}
            return write_row(db.session.get(Studio, shop.id), job_id, row)

    calls = [lambda n=n: write(job_ids[n], f"racer{attempt}-{n}@example.com") for n in range(2)]
    assert sorted(race(calls), key=str) == sorted([(MADE, BOOKED), (REFUSED, None)], key=str)
    with app.app_context():
        session_seats = db.session.scalar(select(func.count()).where(Booking.session_id == yin))
        assert session_seats == 1 and _count(app, User, User.email.like(f"racer{attempt}-%")) == 2


def test_an_existing_client_s_seat_is_found_once(app, make_user, shop, classes):
    _flow, yin = classes
    make_user(name="Gita Sen", email="gita@example.com")
    with app.app_context(), unit_of_work():
        job = ClientImport(studio_id=shop.id, source="csv", kind=KIND_BOOKINGS, created_at=utcnow())
        db.session.add(job)
        db.session.flush()
        row = {"name": "Gita", "email": "gita@example.com", "session_id": yin}
        assert write_row(db.session.get(Studio, shop.id), job.id, row) == (FOUND, BOOKED)


def test_a_client_with_texts_on_gets_the_reminder_by_text_and_no_confirmation(
    app, user, user_client, verify_phone, shop, classes
):
    _flow, yin = classes
    verify_phone(user_client)  # a proved number, texts on
    with app.app_context(), unit_of_work():
        job = ClientImport(studio_id=shop.id, source="csv", kind=KIND_BOOKINGS, created_at=utcnow())
        db.session.add(job)
        db.session.flush()
        row = {"name": user.name, "email": user.email, "session_id": yin}
        assert write_row(db.session.get(Studio, shop.id), job.id, row) == (FOUND, BOOKED)
    with app.app_context():
        texts = db.session.scalars(select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_SMS)).all()
    assert texts == ["reminder_2h"]  # the studio tells its clients of the move: no confirmation, by email or text
