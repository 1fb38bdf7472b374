"""A client import never makes one of the studio's team a client, and tells the studio's inbox of itself once: its
messages are one batch. A pass's messages name their buyer, so the client book never holds a nameless client."""

import csv
import io

import pytest
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import CHANNEL_CRM, ImportedClient, OutboxMessage, StudioMember, User

pytestmark = pytest.mark.both_databases


def _file(rows: list[tuple[str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Full Name", "Email", "Pack", "Credits"])
    writer.writerows([(*row, "4" if row[2] else "") for row in rows])
    return out.getvalue()


MAPPING = {"name": "Full Name", "email": "Email", "pass_name": "Pack", "credits_left": "Credits"}


def _manager_email(app, shop) -> str:
    with app.app_context():
        found = select(User.email).join(StudioMember, StudioMember.user_id == User.id)
        return db.session.scalar(found.where(StudioMember.studio_id == shop.id, StudioMember.role == "manager"))


def test_the_studios_own_team_is_refused_as_a_client(app, shop, send, drainer):
    manager = _manager_email(app, shop)
    text = _file([("Mona Manager", manager, ""), ("Asha Rao", "asha@example.com", "")])
    status, checked = send(text, mapping=MAPPING)
    assert status == 200, checked
    assert (checked["rows_ok"], [(e["line"], e["field"]) for e in checked["errors"]]) == (1, [(2, "email")])
    status, job = send(text, dry_run=False, mapping=MAPPING)
    assert status == 202, job
    drainer("timers")()
    with app.app_context():
        clients = db.session.scalars(select(User.email).join(ImportedClient, ImportedClient.user_id == User.id)).all()
        assert clients == ["asha@example.com"]


def test_one_import_is_one_batch_of_the_studios_inbox_and_names_each_client(app, shop, send, drainer):
    people = [(f"Client {n}", f"client{n}@example.com", "10 Class Pass" if n % 2 else "") for n in range(5)]
    status, job = send(_file(people), dry_run=False, mapping=MAPPING)
    assert status == 202, job
    drainer("timers")()
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_CRM)).all()
        about_studio = [row.payload for row in rows if row.payload.get("studio_id") == shop.id]
    assert sorted(p["type"] for p in about_studio) == ["client_imported"] * 5 + ["pass_purchased"] * 2
    assert {p["data"]["batch_id"] for p in about_studio} == {f"client-import-{job['id']}"}
    named = {
        p["data"]["user"]["email"]: p["data"]["user"]["name"] for p in about_studio if p["type"] == "pass_purchased"
    }
    assert named == {"client1@example.com": "Client 1", "client3@example.com": "Client 3"}
