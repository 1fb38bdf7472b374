"""One error shape everywhere, never HTML or a traceback; the OpenAPI document covers every route."""

import logging
import re

import pytest
from flask import request
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool
from werkzeug.exceptions import TooManyRequests

from main_app.database import unit_of_work
from main_app.extensions import db


@pytest.fixture
def app(make_app):
    """The API plus throwaway routes that fail, registered before the first request (so never the kept app)."""
    app = make_app(kept=False)

    def boom():
        raise RuntimeError("database password is hunter2")

    def slow_down():
        raise TooManyRequests(retry_after=30)

    def no_database():
        with create_engine("postgresql+psycopg://bench:hunter2@127.0.0.1:1/none", poolclass=NullPool).connect():
            pass  # nothing listens on port 1: the connection is refused, as when the server is out of reach

    def lost_after_answering():
        # A transaction open (as after a read) when the server ends the connection: the teardown's ROLLBACK fails.
        _end_connection(db.session.execute(text("SELECT pg_backend_pid()")).scalar())
        return {"answered": True}

    def commit_then_lose():
        # A keyed write's unit commits (its key taken), then the server ends the pool's one connection.
        with unit_of_work():
            pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        _end_connection(pid)
        # Going on reading, the route meets the lost connection; else the kept answer's write does.
        if request.args.get("then") == "read":
            db.session.execute(text("SELECT 1"))
        return {"answered": True}

    app.add_url_rule("/_test/boom", "test_boom", boom)
    app.add_url_rule("/_test/lost-after-answering", "test_lost_after", lost_after_answering, methods=["POST"])
    app.add_url_rule("/_test/commit-then-lose", "test_commit_then_lose", commit_then_lose, methods=["POST"])
    app.add_url_rule("/_test/slow-down", "test_slow_down", slow_down)
    app.add_url_rule("/_test/no-database", "test_no_database", no_database)
    return app


def _end_connection(pid: int) -> None:
    """The server ends the connection of backend pid (as a failover or a restart does)."""
    with create_engine(db.engine.url, poolclass=NullPool).connect() as admin:
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()


@pytest.mark.parametrize(
    "method, path", [("get", "/nope"), ("post", "/nope"), ("get", "/events/1/nope"), ("get", "/api/facilitator/x")]
)
def test_unknown_route_is_json_404(client, assert_error, method, path):
    response = getattr(client, method)(path, headers={"Accept": "text/html"})
    assert_error(response, 404, "not_found")
    assert response.mimetype == "application/json"


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("delete", "/events", {"GET", "HEAD", "OPTIONS"}),
        ("put", "/book", {"POST", "OPTIONS"}),
        ("get", "/auth/register", {"POST", "OPTIONS"}),
        ("post", "/events/1", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_wrong_method_is_json_405_with_allow(client, assert_error, method, path, allowed):
    response = getattr(client, method)(path)
    assert_error(response, 405, "method_not_allowed")
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed


def test_unexpected_exception_is_json_500_without_details(client, assert_error, caplog):
    with caplog.at_level(logging.ERROR, logger="main_app.errors"):
        response = client.get("/_test/boom")
    error = assert_error(response, 500, "internal_error")
    assert error["details"] == {}
    text = response.get_data(as_text=True)
    for leak in ("hunter2", "Traceback", "RuntimeError", ".py"):
        assert leak not in text
    # ...but the operator can see what happened.
    [record] = [r for r in caplog.records if r.name == "main_app.errors"]
    assert record.exc_info and "hunter2" in str(record.exc_info[1])


def test_a_database_out_of_reach_is_json_503_to_try_again(client, assert_error, caplog):
    with caplog.at_level(logging.ERROR, logger="main_app.errors"):
        response = client.get("/_test/no-database")
    assert_error(response, 503, "service_unavailable")
    assert "hunter2" not in response.get_data(as_text=True)
    [record] = [r for r in caplog.records if r.name == "main_app.errors"]
    assert record.getMessage() == "database unavailable: OperationalError" and "hunter2" not in record.getMessage()
    assert response.headers["Retry-After"] == "5"


def _pool_of_one_dead_connection(app) -> None:
    """The app's pool left holding one connection, which the server then ends (as a failover or a restart does)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite's connections are files, never closed by a server")
        db.engine.dispose()
        with db.engine.connect() as connection:
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        url = db.engine.url
    with create_engine(url, poolclass=NullPool).connect() as admin:
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()


def test_a_read_whose_connection_died_is_answered_again_on_a_fresh_one(app, client, caplog):
    _pool_of_one_dead_connection(app)
    with caplog.at_level(logging.ERROR, logger="main_app.errors"):
        response = client.get("/events")
    assert response.status_code == 200, response.get_json()
    # It did meet the dead connection: the first answer was the 503, held back and replaced.
    said = [r.getMessage() for r in caplog.records if r.name == "main_app.errors"]
    assert said == ["database unavailable: AdminShutdown"], said


def test_a_write_whose_connection_died_is_a_503_to_try_again(app, client, assert_error):
    _pool_of_one_dead_connection(app)
    account = {"name": "Asha Rao", "email": "asha-failover@example.com", "password": "a long enough password"}
    response = client.post("/auth/register", json=account)
    assert_error(response, 503, "service_unavailable")
    assert response.headers["Retry-After"] == "5"
    # Nothing was written, and the pool dropped the dead connection: trying again works.
    assert client.post("/auth/register", json=account).status_code == 201


def _server_ends_connections(app) -> None:
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite's connections are files, never closed by a server")


def test_a_connection_lost_after_the_answer_was_made_leaves_the_answer(app, client, caplog):
    _server_ends_connections(app)
    with caplog.at_level(logging.WARNING, logger="main_app.database"):
        response = client.post("/_test/lost-after-answering")
    assert (response.status_code, response.get_json()) == (200, {"answered": True})
    said = [r.getMessage() for r in caplog.records if r.name == "main_app.database"]
    assert said == ["ending a session on a lost connection failed: OperationalError"], said
    assert client.get("/events").status_code == 200  # the next request connects afresh


def test_a_keyed_write_whose_connection_died_is_answered_again_once(app, client, caplog):
    _pool_of_one_dead_connection(app)
    asked, key = {"email": "asha-failover@example.com"}, {"Idempotency-Key": "failover-1"}
    with caplog.at_level(logging.ERROR, logger="main_app.errors"):
        response = client.post("/auth/password-reset", json=asked, headers=key)
    assert response.status_code == 202, response.get_json()
    said = [r.getMessage() for r in caplog.records if r.name == "main_app.errors"]
    assert said == ["database unavailable: AdminShutdown"], said  # the first answer, held back and replaced
    again = client.post("/auth/password-reset", json=asked, headers=key)  # the second try read the same body
    assert (again.status_code, again.headers["Idempotent-Replayed"]) == (202, "true")


def _pool_of_one_connection(app) -> None:
    """The app's pool emptied, so that a request's one connection is the one its route sees ended."""
    _server_ends_connections(app)
    with app.app_context():
        db.engine.dispose()


def test_a_keyed_write_cut_off_after_a_commit_is_told_its_key_is_in_use(app, client, assert_error):
    _pool_of_one_connection(app)
    key = {"Idempotency-Key": "failover-2"}
    # Answered again once: the second try finds the key taken by the first one's commit, without an answer.
    first = client.post("/_test/commit-then-lose?then=read", headers=key)
    assert_error(first, 409, "idempotency_key_in_use")
    assert "may be saved" in first.get_json()["error"]["message"]
    assert_error(client.post("/_test/commit-then-lose?then=read", headers=key), 409, "idempotency_key_in_use")


def test_a_kept_answer_lost_with_its_connection_still_answers(app, client, assert_error, caplog):
    _pool_of_one_connection(app)
    key = {"Idempotency-Key": "failover-3"}
    with caplog.at_level(logging.ERROR, logger="main_app.plumbing.idempotency"):
        response = client.post("/_test/commit-then-lose", headers=key)
    assert (response.status_code, response.get_json()) == (200, {"answered": True})  # its changes are committed
    said = [r.getMessage() for r in caplog.records if r.name == "main_app.plumbing.idempotency"]
    assert said == ["answer to an Idempotency-Key not kept: AdminShutdown"], said
    assert_error(client.post("/_test/commit-then-lose", headers=key), 409, "idempotency_key_in_use")


def test_http_errors_keep_their_protocol_headers(client, assert_error):
    response = client.get("/_test/slow-down")
    assert_error(response, 429, "too_many_requests")
    assert response.headers["Retry-After"] == "30"


def test_too_large_body_is_json_413(client, assert_error):
    response = client.post("/auth/register", data="x" * (64 * 1024 + 1), content_type="application/json")
    assert_error(response, 413, "request_entity_too_large")


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["service"]) == ("ok", "main")


def test_openapi_lists_every_route(app, client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["info"]["title"]
    documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    served = set()
    for rule in app.url_map.iter_rules():
        # The document itself and its /docs page (with the page's files) are not API operations.
        if (
            rule.endpoint in ("static", "docs_assets.asset")
            or rule.endpoint.startswith("api-docs.")
            or rule.rule.startswith("/_test/")
        ):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        served |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert served  # the comparison below means something
    assert served <= documented, sorted(served - documented)
    for path in (
        "/auth/register",
        "/auth/login",
        "/auth/me",
        "/events",
        "/events/{event_id}",
        "/book",
        "/bookings/book",
        "/bookings",
        "/bookings/{booking_id}/cancel",
        "/bookings/{booking_id}/reactivate",
    ):
        assert path in spec["paths"], path


def test_openapi_documents_bearer_auth_and_our_error_shape(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["paths"]["/book"]["post"]["security"] == [{"bearerAuth": []}]
    conflict = spec["paths"]["/book"]["post"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"]["$ref"].endswith("/APIError")
