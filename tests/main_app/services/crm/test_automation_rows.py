"""tag_row and task_row: an automation's CRM messages, their exact payloads, and the real CRM taking them through the
outbox (the tag on the client once however often it is sent, then off; the task unread in the studio's inbox)."""

from datetime import datetime, timedelta

import pytest

from crm_microservice.services import clients as crm_clients
from crm_microservice.services import notifications as crm_notifications
from crm_microservice.storage import Inbox, get_store
from main_app.database import unit_of_work
from main_app.delivery import insert_rows
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import User, utcnow
from main_app.services.crm import TASK_LIMIT, tag_row, task_row

pytestmark = pytest.mark.both_databases

STUDIO = 7
PATIENT = 60.0  # the payloads are the point, not a fresh CRM's speed on a loaded machine


@pytest.fixture
def person(make_user):
    return make_user(name="Asha Rao", email="asha@example.com")


def rows_of(app, person, *makers) -> list[dict]:
    """Each maker(user) -> a row, written to the outbox in one transaction; the rows."""
    with app.app_context():
        user = db.session.get(User, person.id)
        rows = [make(user) for make in makers]
        with unit_of_work():
            insert_rows(rows)
    return rows


def test_the_tag_rows_payloads(app, person, outbox):
    added, removed = rows_of(
        app,
        person,
        lambda user: tag_row(STUDIO, user, " Lapsed ", added=True, automation_id=3),
        lambda user: tag_row(STUDIO, user, "lapsed", added=False, automation_id=3),
    )
    assert [(row["type"], row["status"]) for row in outbox()] == [
        ("client_tag_added", "pending"),
        ("client_tag_removed", "pending"),
    ]
    payload = added["payload"]
    assert set(payload) == {"notification_id", "type", "timestamp", "user_id", "studio_id", "message", "data"}
    assert (payload["notification_id"], payload["user_id"], payload["studio_id"]) == (added["id"], person.id, STUDIO)
    user = payload["data"].pop("user")
    assert (user["id"], user["name"], user["email"]) == (person.id, "Asha Rao", "asha@example.com")
    assert payload["data"] == {"tag": "lapsed", "automation_id": 3}
    assert payload["message"] == "Tagged Asha Rao lapsed (an automation)"
    assert removed["payload"]["message"] == "Took the tag lapsed off Asha Rao (an automation)"
    assert abs(utcnow() - datetime.fromisoformat(payload["timestamp"])) < timedelta(seconds=30)


@pytest.mark.parametrize("tag", ["", "  ", "x" * 51, "-lead", "semi;colon", "ünï"])
def test_a_tag_the_crm_would_refuse_is_a_value_error(app, person, tag):
    with app.app_context(), pytest.raises(ValueError):
        tag_row(STUDIO, db.session.get(User, person.id), tag, added=True, automation_id=3)


def test_the_task_rows_payload(app, person):
    [row] = rows_of(
        app,
        person,
        lambda user: task_row(STUDIO, user, "Call her " * 100, automation_id=4, automation_name="Win back"),
    )
    payload = row["payload"]
    assert (row["type"], payload["type"], payload["user_id"], payload["studio_id"]) == (
        "automation_task",
        "automation_task",
        person.id,
        STUDIO,
    )
    assert payload["message"] == ("Call her " * 100)[:TASK_LIMIT]
    assert {key: value for key, value in payload["data"].items() if key != "user"} == {
        "automation_id": 4,
        "automation_name": "Win back",
    }


def test_the_real_crm_tags_once_untags_and_files_the_task(app, make_app, real_crm, person, outbox):
    crm = real_crm()
    rows_of(
        app,
        person,
        lambda user: tag_row(STUDIO, user, "vip", added=True, automation_id=3),
        lambda user: tag_row(STUDIO, user, "VIP", added=True, automation_id=5),  # another rule, the same tag
        lambda user: tag_row(STUDIO, user, "lapsed", added=True, automation_id=3),
        lambda user: tag_row(STUDIO, user, "lapsed", added=False, automation_id=3),
        lambda user: task_row(STUDIO, user, "Call Asha", automation_id=3, automation_name="Win back"),
    )
    dispatch_app = make_app(migrate=False, CRM_BASE_URL=crm.url, CRM_TIMEOUT=PATIENT)
    with dispatch_app.app_context():
        dispatcher = build_dispatcher(dispatch_app.config)
        while dispatcher.run_once():
            pass
    dispatcher.close()
    assert {row["status"] for row in outbox()} == {"delivered"}

    with crm.app.app_context():
        [facts] = crm_clients.people_facts(STUDIO, [person.id], [], utcnow(), "UTC")["items"]
        inbox = crm_notifications.list_page(
            get_store(crm.app), {"page": 1, "per_page": 20}, Inbox("studio_id", STUDIO), masked=False
        )
    assert (facts["known"], facts["tags"], facts["email"]) == (True, ["vip"], "asha@example.com")
    assert sorted((item["type"], item["read"]) for item in inbox["items"]) == [
        ("automation_task", False),
        ("client_tag_added", True),
        ("client_tag_added", True),
        ("client_tag_added", True),
        ("client_tag_removed", True),
    ]
    assert inbox["unread"] == 1
