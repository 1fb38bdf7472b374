"""A keyed write whose unit commits and then calls out to something that calls back into the API (the WhatsApp
stand-in's webhook, a studio import's steps) sees its own commit: the key changes no unit's commit. A route reading
the body as a stream (a studio import's ZIP) reads all of it."""

import pytest
from flask import request
from sqlalchemy import select, update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import IdempotentAnswer, User

pytestmark = pytest.mark.both_databases
KEY = {"Idempotency-Key": "callback-1"}


@pytest.fixture
def app(make_app):
    """The API plus a route that renames its caller, then asks the API (as a webhook would) whom the token names."""
    app = make_app(kept=False)

    def rename_then_ask():
        body = request.get_json()
        with unit_of_work():
            db.session.execute(update(User).where(User.id == body["user_id"]).values(name=body["name"]))
        asked = app.test_client().get("/auth/me", headers={"Authorization": request.headers["Authorization"]})
        return {"seen": asked.get_json()["name"]}, 201

    def count_bytes():
        return {"read": len(request.stream.read())}, 201  # as the studio import reads its ZIP

    app.add_url_rule("/_test/rename-then-ask", "test_rename_then_ask", rename_then_ask, methods=["POST"])
    app.add_url_rule("/_test/count-bytes", "test_count_bytes", count_bytes, methods=["POST"])
    return app


def test_the_call_back_sees_the_keyed_writes_commit(app, user, user_client):
    renamed = {"user_id": user.id, "name": "Asha Renamed"}
    first = user_client.post("/_test/rename-then-ask", json=renamed, headers=KEY)
    assert (first.status_code, first.get_json()) == (201, {"seen": "Asha Renamed"})
    again = user_client.post("/_test/rename-then-ask", json=renamed, headers=KEY)
    assert (again.get_json(), again.headers["Idempotent-Replayed"]) == (first.get_json(), "true")
    with app.app_context():
        kept = db.session.execute(select(IdempotentAnswer.scope, IdempotentAnswer.status)).all()
    assert kept == [(f"account:{user.id}", 201)]


def test_a_route_reading_the_stream_reads_the_whole_keyed_body(app, user_client):
    body = b"PK" + bytes(range(256)) * 200  # a binary body, as a studio export's ZIP
    sent = [user_client.post("/_test/count-bytes", data=body, content_type="application/zip", headers=KEY)]
    sent.append(user_client.post("/_test/count-bytes", data=body, content_type="application/zip", headers=KEY))
    assert [(r.get_json(), r.headers.get("Idempotent-Replayed")) for r in sent] == [
        ({"read": len(body)}, None),
        ({"read": len(body)}, "true"),
    ]
