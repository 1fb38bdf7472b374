"""Intake questions: a facilitator sets an event's list (edits keep ids, an answered question is retired, not lost),
the booking form's answers are checked on the server and written with the booking or not at all, the facilitator
reads them in registrants and the CSV, and sensitive answers are emptied when their time ends."""

import csv
import io
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, BookingAnswer, EventSession, OutboxMessage, utcnow

pytestmark = pytest.mark.both_databases

DIET = {"kind": "choice", "label": "Diet", "choices": ["None", "Vegetarian", "Vegan"], "required": True}
HEALTH = {"kind": "long_text", "label": "Injuries or conditions", "sensitive": True, "help_text": "Only the teacher"}
ASKED = [
    DIET,
    HEALTH,
    {"kind": "multi_choice", "label": "Interests", "choices": ["Yoga", "Breathwork", "Silence"]},
    {"kind": "yes_no", "label": "First retreat?"},
    {"kind": "date", "label": "Date of birth"},
    {"kind": "text", "label": "Emergency contact"},
]


@pytest.fixture
def retreat(make_session, facilitator):
    return make_session(kind="retreat", capacity=10, facilitator_id=facilitator.id, title="Silent Week")


@pytest.fixture
def set_questions(facilitator, facilitator_client):
    def put(event_id: int, items: list[dict], client=None):
        path = f"/api/facilitator/{facilitator.id}/events/{event_id}/questions"
        return (client or facilitator_client).put(path, json={"questions": items})

    return put


@pytest.fixture
def asked(retreat, set_questions) -> dict[str, int]:
    """The retreat's six questions, by label: their ids."""
    answer = set_questions(retreat.event_id, ASKED)
    assert answer.status_code == 200, answer.get_json()
    return {q["label"]: q["id"] for q in answer.get_json()["items"]}


def answers_of(asked: dict[str, int], **by_label) -> dict[str, object]:
    return {str(asked[label.replace("_", " ")]): value for label, value in by_label.items()}


def test_the_list_is_set_in_order_and_shown_to_people_booking(client, retreat, asked, facilitator_client, facilitator):
    shown = client.get(f"/events/{retreat.event_id}/questions").get_json()["items"]
    assert [q["label"] for q in shown] == [q["label"] for q in ASKED]
    assert shown[0] == {"id": asked["Diet"], "help_text": "", "sensitive": False, **DIET}
    assert shown[1]["choices"] == [] and shown[1]["sensitive"] is True
    own = facilitator_client.get(f"/api/facilitator/{facilitator.id}/events/{retreat.event_id}/questions")
    assert own.get_json()["items"] == shown


def test_an_edit_keeps_ids_and_an_answered_question_left_out_is_retired(
    client, user_client, retreat, asked, set_questions, facilitator_client, facilitator
):
    booked = user_client.post(
        "/bookings/book",
        json={
            "session_id": retreat.id,
            "answers": {str(asked["Diet"]): "Vegan", str(asked["Emergency contact"]): "Mum"},
        },
    )
    assert booked.status_code == 201, booked.get_json()
    kept = [{**DIET, "id": asked["Diet"], "label": "Diet (tell us)"}, {"kind": "yes_no", "label": "Mat needed?"}]
    shown = set_questions(retreat.event_id, kept).get_json()["items"]
    assert (shown[0]["id"], shown[0]["label"]) == (asked["Diet"], "Diet (tell us)")
    assert [q["label"] for q in client.get(f"/events/{retreat.event_id}/questions").get_json()["items"]] == [
        "Diet (tell us)",
        "Mat needed?",
    ]
    # Those left out are retired: the emergency contact answered keeps its label.
    path = f"/api/facilitator/{facilitator.id}/sessions/{retreat.id}/registrants"
    [row] = facilitator_client.get(path).get_json()["items"]
    assert [(a["label"], a["value"]) for a in row["answers"]] == [
        ("Diet (tell us)", "Vegan"),
        ("Emergency contact", "Mum"),
    ]
    header = next(csv.reader(io.StringIO(facilitator_client.get(f"{path}.csv").get_data(as_text=True))))
    assert header[-3:] == ["Diet (tell us)", "Mat needed?", "Emergency contact"]  # not the unanswered retired ones


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"kind": "choice", "label": "Diet", "choices": ["Only one"]}, "choices"),
        ({"kind": "multi_choice", "label": "Diet", "choices": ["A", "A"]}, "choices"),
        ({"kind": "text", "label": "Name", "choices": ["A", "B"]}, "choices"),
        ({"kind": "essay", "label": "Why"}, "kind"),
        ({"kind": "text", "label": "   "}, "label"),
        ({"kind": "text", "label": "x" * 301}, "label"),
        ({"kind": "text", "label": "Who", "id": 999_999}, "id"),
    ],
)
def test_a_bad_list_is_400_and_changes_nothing(retreat, asked, set_questions, client, item, field, assert_error):
    error = assert_error(set_questions(retreat.event_id, [DIET, item]), 400, "validation_error", "questions")
    assert field in str(error["details"])
    assert len(client.get(f"/events/{retreat.event_id}/questions").get_json()["items"]) == len(ASKED)


def test_only_the_event_s_facilitator_sets_its_questions(retreat, set_questions, make_user, client_for, client):
    other = client_for(make_user(role="facilitator"))
    assert set_questions(retreat.event_id, [DIET], client=other).status_code == 403
    assert client.get("/events/999999/questions").status_code == 404


def test_answers_are_written_with_the_booking_and_shown_in_registrants_and_the_csv(
    user_client, retreat, asked, facilitator_client, facilitator, user
):
    given = answers_of(
        asked,
        Diet="Vegetarian",
        Injuries_or_conditions="  Knee, left  ",
        Interests=["Silence", "Yoga"],
        **{"First retreat?": True, "Date of birth": "1990-04-01"},
    )
    answer = user_client.post("/bookings/book", json={"session_id": retreat.id, "answers": given})
    assert answer.status_code == 201, answer.get_json()
    path = f"/api/facilitator/{facilitator.id}/sessions/{retreat.id}/registrants"
    [row] = facilitator_client.get(path).get_json()["items"]
    assert [(a["label"], a["value"]) for a in row["answers"]] == [
        ("Diet", "Vegetarian"),
        ("Injuries or conditions", "Knee, left"),
        ("Interests", ["Yoga", "Silence"]),  # in the question's order
        ("First retreat?", True),
        ("Date of birth", "1990-04-01"),
    ]
    table = list(csv.DictReader(io.StringIO(facilitator_client.get(f"{path}.csv").get_data(as_text=True))))
    assert [(r["email"], r["Diet"], r["Interests"], r["First retreat?"], r["Emergency contact"]) for r in table] == [
        (user.email, "Vegetarian", "Yoga; Silence", "yes", "")
    ]


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Diet", None),  # required
        ("Diet", "   "),
        ("Diet", "Carnivore"),
        ("Diet", ["Vegan"]),
        ("Interests", ["Yoga", "Yoga"]),
        ("Interests", "Yoga"),
        ("Interests", [{"a": 1}]),
        ("First retreat?", "yes"),
        ("Date of birth", "9999-01-01"),
        ("Date of birth", "01/04/1990"),
        ("Date of birth", 19900401),
        ("Emergency contact", 12),
        ("Emergency contact", "x" * 501),
        ("Injuries or conditions", "x" * 5001),
    ],
)
def test_a_wrong_answer_is_400_naming_it_and_writes_nothing(
    user_client, retreat, asked, db_rows, assert_error, label, value
):
    given = {str(asked["Diet"]): "Vegan", str(asked[label]): value}
    before = db_rows()
    answer = user_client.post("/bookings/book", json={"session_id": retreat.id, "answers": given})
    error = assert_error(answer, 400, "validation_error", "answers")
    assert list(error["details"]["answers"]) == [str(asked[label])]
    assert db_rows() == before


def test_answers_to_questions_an_event_does_not_ask_are_400(user_client, make_session, retreat, asked, assert_error):
    plain = make_session()
    answer = user_client.post("/bookings/book", json={"session_id": plain.id, "answers": {str(asked["Diet"]): "Vegan"}})
    assert_error(answer, 400, "validation_error", "answers")
    answer = user_client.post("/bookings/book", json={"session_id": retreat.id, "answers": {"Diet": "Vegan"}})
    assert_error(answer, 400, "validation_error", "answers")


def test_a_paid_retreat_s_held_seat_keeps_its_answers(
    user_client, make_session, facilitator, set_questions, facilitator_client
):
    paid = make_session(kind="retreat", price=4_500_000, facilitator_id=facilitator.id)
    [diet] = set_questions(paid.event_id, [DIET]).get_json()["items"]
    answer = user_client.post("/bookings/book", json={"session_id": paid.id, "answers": {str(diet["id"]): "Vegan"}})
    assert answer.status_code == 201 and answer.get_json()["status"] == "pending_payment"
    path = f"/api/facilitator/{facilitator.id}/sessions/{paid.id}/registrants"
    [row] = facilitator_client.get(path).get_json()["items"]
    assert [a["value"] for a in row["answers"]] == ["Vegan"]


def test_sensitive_answers_are_emptied_when_their_time_ends_and_the_others_kept(
    app, user_client, people, retreat, asked, payments_lane
):
    for client in [user_client, *(c for _a, c in people(2))]:
        given = answers_of(asked, Diet="Vegan", Injuries_or_conditions="Asthma")
        assert client.post("/bookings/book", json={"session_id": retreat.id, "answers": given}).status_code == 201
    with app.app_context():
        [purge] = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "answers_purge")).all()
        ends_at = db.session.get(EventSession, retreat.id).ends_at
        assert purge.next_attempt_at == ends_at + timedelta(days=app.config["SENSITIVE_ANSWERS_RETENTION_DAYS"])
    payments_lane()  # not due yet: nothing happens
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(BookingAnswer.value.is_(None))) == 0
    with app.app_context(), unit_of_work():
        session = db.session.get(EventSession, retreat.id)
        session.starts_at, session.ends_at = utcnow() - timedelta(days=40), utcnow() - timedelta(days=31)
        db.session.get(OutboxMessage, purge.id).next_attempt_at = utcnow() - timedelta(seconds=1)
    payments_lane()
    with app.app_context():
        rows = db.session.scalars(sa.select(BookingAnswer).order_by(BookingAnswer.id)).all()
        kept = {(row.question_id, row.value, row.purged_at is not None) for row in rows}
    assert kept == {(asked["Diet"], "Vegan", False), (asked["Injuries or conditions"], None, True)}
    assert len(rows) == 6


def test_a_retreat_moved_later_is_purged_at_its_new_end(app, user_client, retreat, asked, payments_lane):
    given = answers_of(asked, Diet="Vegan", Injuries_or_conditions="Asthma")
    assert user_client.post("/bookings/book", json={"session_id": retreat.id, "answers": given}).status_code == 201
    with app.app_context(), unit_of_work():
        session = db.session.get(EventSession, retreat.id)
        session.starts_at, session.ends_at = (
            session.starts_at + timedelta(days=10),
            session.ends_at + timedelta(days=10),
        )
        for row in db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "answers_purge")):
            row.next_attempt_at = utcnow() - timedelta(seconds=1)  # due as if its old date had come
        new_end = session.ends_at
    payments_lane()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(BookingAnswer.value.is_(None))) == 0
        pending = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.type == "answers_purge", OutboxMessage.status == "pending")
        ).all()
    assert [row.next_attempt_at for row in pending] == [
        new_end + timedelta(days=app.config["SENSITIVE_ANSWERS_RETENTION_DAYS"])
    ]


def test_sensitive_answers_never_reach_the_crm(app, user_client, retreat, asked):
    """The CRM's client book is built from its messages: none of them carries an intake answer, sensitive or not."""
    given = answers_of(asked, Diet="Vegan", Injuries_or_conditions="Torn ligament, right knee")
    booked = user_client.post("/bookings/book", json={"session_id": retreat.id, "answers": given})
    assert booked.status_code == 201, booked.get_json()
    user_client.post(f"/bookings/{booked.get_json()['id']}/cancel")

    with app.app_context():
        payloads = db.session.scalars(
            sa.select(OutboxMessage.payload).where(OutboxMessage.channel == CHANNEL_CRM)
        ).all()

    assert {payload["type"] for payload in payloads} >= {"booking_created", "booking_cancelled"}
    assert not any("Torn ligament" in json.dumps(payload) or "answers" in json.dumps(payload) for payload in payloads)
