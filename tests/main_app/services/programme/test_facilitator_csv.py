"""Who booked a session: the registrants as JSON and as a CSV download that spreadsheets read safely."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from main_app.models import utcnow

AT = utcnow().replace(microsecond=0) + timedelta(days=4)
# Times on the studio's clock (priya's: UTC), the zone named in the header.
HEADER = ["booking_id", "name", "email", "booked_at (UTC)", "status", "cancelled_at (UTC)", "cancel_reason"]
HEADER += ["payment_status", "amount_paid", "currency", "refund_status", "seats", "guests", "option"]
FREE = ["", "", "", ""]  # a free session's bookings have no payment
REGISTRANT_KEYS = {
    *("booking_id", "name", "email", "user_id", "booked_at", "status", "cancelled_at", "cancel_reason"),
    *(
        "payment_status",
        "amount_paid",
        "amount_refunded",
        "currency",
        "refund_status",
        "refund_payment_id",
        "paid_in_person",
        "seats",
        "guests",
        "attendance",
        "answers",
    ),
    "option",
    "child",
}


@pytest.fixture
def session(make_session, priya):
    return make_session(title="Yin Yoga & Journaling", facilitator_id=priya.id, capacity=10, at=AT)


@pytest.fixture
def book_as(make_user, client_for):
    """book_as(session_id, name=..., email=...) -> (account, client, booking id), booked through the API."""

    def book(session_id: int, **account):
        user = make_user(**account)
        user_client = client_for(user)
        response = user_client.post("/book", json={"session_id": session_id})
        assert response.status_code == 201, response.get_json()
        return user, user_client, response.get_json()["id"]

    return book


@pytest.fixture
def registrants(priya_client, priya):
    def get(session_id: int):
        return priya_client.get(f"/api/facilitator/{priya.id}/sessions/{session_id}/registrants")

    return get


@pytest.fixture
def registrants_csv(priya_client, priya):
    def get(session_id: int):
        return priya_client.get(f"/api/facilitator/{priya.id}/sessions/{session_id}/registrants.csv")

    return get


def clock(moment: str, zone: str = "UTC") -> str:
    """An ISO time from the JSON as the CSV gives it: on the studio's clock, as spreadsheets read a date and time."""
    return datetime.fromisoformat(moment).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


def parse(response) -> list[list[str]]:
    """The CSV body as rows, read the way a spreadsheet import would (newline="" keeps quoted newlines)."""
    return list(csv.reader(io.StringIO(response.get_data(as_text=True), newline="")))


def test_registrants_json(registrants, session, priya, book_as, make_session):
    meera, _, b1 = book_as(session.id, name="Meera Iyer", email="meera@example.com")
    ravi, ravi_client, b2 = book_as(session.id, name="Ravi Kumar", email="ravi@example.com")
    sara, _, b3 = book_as(session.id, name="Sara Thomas", email="sara@example.com")
    ravi_client.post(f"/bookings/{b2}/cancel", json={"reason": "Exams that week"})
    book_as(make_session(facilitator_id=priya.id, at=AT).id, name="Elsewhere")

    response = registrants(session.id)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"session", "event", "active", "items", "waiting"}
    assert body["waiting"] == []  # tests/main_app/services/seats/test_waitlist.py fills it
    assert body["active"] == 2
    assert (body["session"]["id"], body["session"]["capacity"], body["session"]["seats_taken"]) == (session.id, 10, 2)
    assert (body["event"]["id"], body["event"]["title"]) == (session.event_id, "Yin Yoga & Journaling")
    assert body["event"]["facilitator"] == {"id": priya.id, "name": "Dr. Priya Sharma"}
    # Everyone who booked, in booking order, cancelled ones too.
    assert [
        (r["booking_id"], r["user_id"], r["name"], r["email"], r["status"], r["cancel_reason"]) for r in body["items"]
    ] == [
        (b1, meera.id, "Meera Iyer", "meera@example.com", "active", None),
        (b2, ravi.id, "Ravi Kumar", "ravi@example.com", "cancelled", "Exams that week"),
        (b3, sara.id, "Sara Thomas", "sara@example.com", "active", None),
    ]
    for row in body["items"]:
        assert set(row) == REGISTRANT_KEYS
        assert row["booked_at"].endswith("+00:00")
    assert body["items"][0]["cancelled_at"] is None
    assert datetime.fromisoformat(body["items"][1]["cancelled_at"]) >= datetime.fromisoformat(
        body["items"][1]["booked_at"]
    )


def test_registrants_of_an_empty_session(registrants, registrants_csv, session):
    body = registrants(session.id).get_json()
    assert (body["active"], body["items"]) == (0, [])
    assert parse(registrants_csv(session.id)) == [HEADER]


def test_registrants_csv_rows_match_the_json(registrants, registrants_csv, session, book_as):
    _, _, b1 = book_as(session.id, name="Meera Iyer", email="meera@example.com")
    _, ravi_client, b2 = book_as(session.id, name="Ravi Kumar", email="ravi@example.com")
    ravi_client.post(f"/bookings/{b2}/cancel", json={"reason": "Exams that week"})

    response = registrants_csv(session.id)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="session-{session.id}-registrants.csv"'
    # RFC 4180 line ends; every cell quoted.
    assert response.get_data(as_text=True).startswith(",".join(f'"{name}"' for name in HEADER) + "\r\n")

    json_rows = registrants(session.id).get_json()["items"]
    assert parse(response) == [
        HEADER,
        [
            str(b1),
            "Meera Iyer",
            "meera@example.com",
            clock(json_rows[0]["booked_at"]),
            "active",
            "",
            "",
            *FREE,
            "1",
            "",
            "",
        ],
        [
            str(b2),
            "Ravi Kumar",
            "ravi@example.com",
            clock(json_rows[1]["booked_at"]),
            "cancelled",
            clock(json_rows[1]["cancelled_at"]),
            "Exams that week",
            *FREE,
            "1",
            "",
            "",
        ],
    ]


@pytest.mark.both_databases  # time zones
def test_registrants_csv_times_are_on_the_studios_clock_with_the_zone_named(
    registrants, registrants_csv, session, book_as, priya_client
):
    slug = priya_client.get("/api/studios").get_json()["items"][0]["slug"]
    moved = priya_client.patch(f"/api/studios/{slug}", json={"timezone": "Asia/Kolkata"})
    assert moved.status_code == 200, moved.get_json()
    _, meera_client, booking_id = book_as(session.id, name="Meera Iyer")
    meera_client.post(f"/bookings/{booking_id}/cancel", json={})
    book_as(session.id, name="Ravi Kumar")
    [header, *rows] = parse(registrants_csv(session.id))
    assert (header[3], header[5]) == ("booked_at (Asia/Kolkata)", "cancelled_at (Asia/Kolkata)")
    items = registrants(session.id).get_json()["items"]
    assert [(row[3], row[5]) for row in rows] == [
        (
            clock(item["booked_at"], "Asia/Kolkata"),
            clock(item["cancelled_at"], "Asia/Kolkata") if item["cancelled_at"] else "",
        )
        for item in items
    ]
    assert rows[0][5] != "" and rows[0][3] != clock(items[0]["booked_at"])  # not UTC's clock


def test_commas_quotes_and_newlines_round_trip(registrants_csv, session, book_as):
    tricky = 'Rao, Asha "Ash"\nSecond line, too'
    _, _, booking_id = book_as(session.id, name=tricky, email="asha.rao@example.com")
    [header, row] = parse(registrants_csv(session.id))
    assert header == HEADER
    assert row[:3] == [str(booking_id), tricky, "asha.rao@example.com"]
    assert len(row) == len(HEADER)


def test_unicode_names_round_trip(registrants_csv, session, book_as):
    names = ["Ānanda Śrīnivāsan", "李小龍", "Zoë Ørsted 🙏", "ಕಾವ್ಯ ರೆಡ್ಡಿ"]
    for n, name in enumerate(names):
        book_as(session.id, name=name, email=f"u{n}@example.com")
    response = registrants_csv(session.id)
    assert response.content_type == "text/csv; charset=utf-8"
    assert [row[1] for row in parse(response)[1:]] == names
    assert "李小龍".encode() in response.get_data()


@pytest.mark.parametrize(
    "name, shown",
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+91 98450 12345", "'+91 98450 12345"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("Plain = fine", "Plain = fine"),
    ],
)
def test_formula_injection_is_defused(registrants, registrants_csv, session, book_as, name, shown):
    book_as(session.id, name=name)
    [_header, row] = parse(registrants_csv(session.id))
    assert row[1] == shown
    # Only the download is defused; the JSON carries the name as it is.
    assert registrants(session.id).get_json()["items"][0]["name"] == name


@pytest.mark.parametrize(
    "name, shown",
    [
        ("Asha;=1+1", "Asha;'=1+1"),
        ('Ravi,=HYPERLINK("http://evil.example")', 'Ravi,\'=HYPERLINK("http://evil.example")'),
        ("Sara\t@SUM(A1:A9)", "Sara\t'@SUM(A1:A9)"),
        ("Meera\n+91 98450 12345", "Meera\n'+91 98450 12345"),
        ("Kiran\r\n-2+3", "Kiran\r\n'-2+3"),
        ("Dev; =1+1", "Dev; '=1+1"),
        ("Anu;Ravi", "Anu;Ravi"),
    ],
)
def test_a_formula_after_a_separator_inside_a_cell_is_defused_and_the_cell_quoted(
    registrants, registrants_csv, session, book_as, name, shown
):
    """A spreadsheet that splits on ; (or tabs, or lines) would make what follows the separator a cell of its own."""
    book_as(session.id, name=name)
    response = registrants_csv(session.id)
    [_header, row] = parse(response)
    assert row[1] == shown
    quoted = '"' + shown.replace('"', '""') + '"'
    assert quoted in response.get_data(as_text=True)  # quoted: an import splitting on the separator keeps it whole
    assert registrants(session.id).get_json()["items"][0]["name"] == name


def test_cancel_reasons_are_defused_too(registrants_csv, session, book_as, priya_client, priya):
    book_as(session.id, name="Meera")
    priya_client.post(f"/api/facilitator/{priya.id}/sessions/{session.id}/cancel", json={"reason": "=1+1"})
    [_header, row] = parse(registrants_csv(session.id))
    assert (row[4], row[6]) == ("cancelled", "'=1+1")
    assert row[5] != ""


def test_registrants_of_a_cancelled_session_stay_readable(registrants, session, book_as, priya_client, priya):
    book_as(session.id, name="Meera")
    book_as(session.id, name="Ravi")
    priya_client.post(f"/api/facilitator/{priya.id}/sessions/{session.id}/cancel")
    body = registrants(session.id).get_json()
    assert body["active"] == 0
    assert [(r["name"], r["status"]) for r in body["items"]] == [("Meera", "cancelled"), ("Ravi", "cancelled")]
