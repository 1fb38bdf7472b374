"""Both stores under concurrency, and the JSON file store's atomic writes."""

import datetime as dt
import json
import multiprocessing
import os
import threading

import pytest
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, body

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import JsonNotificationStore, SqlNotificationStore

pytestmark = pytest.mark.both_databases

THREADS = 8


def run_in_threads(count: int, target) -> list:
    """Run target(index) in `count` threads released together; return their results in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def work(index: int) -> None:
        try:
            barrier.wait()
            results[index] = target(index)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def make_record(notification_id: str, minute: int = 0) -> dict:
    """A normalised record with a fixed id and time."""
    received_at = dt.datetime(2024, 3, 1, 12, minute % 60, tzinfo=dt.UTC)
    return build_record(body(SEED_FLAT), {"Idempotency-Key": notification_id}, now=received_at)


# --- both stores, through the app ---------------------------------------------------------------


def test_concurrent_duplicates_are_stored_once(any_app, any_service_client):
    headers = {"Idempotency-Key": "outbox-7f3a"}

    def post(index: int):
        response = any_app.test_client().post("/notify", json=SEED_NESTED, headers=dict(headers, **AUTH))
        return response.status_code, response.get_json()["notification"]["id"]

    results = run_in_threads(THREADS, post)

    assert sorted(code for code, _ in results) == [200] * (THREADS - 1) + [201]
    listed = any_service_client.get("/notifications").get_json()
    assert listed["total"] == 1
    # Every answer names the one row stored. Not always id 1: on PostgreSQL an INSERT that loses on the unique
    # notification_id has used up its sequence number, and it may have drawn one before the winner did.
    assert {notification_id for _, notification_id in results} == {listed["items"][0]["id"]}


def test_concurrent_distinct_posts_are_all_stored(any_app, any_service_client):
    def post(index: int):
        client = any_app.test_client()
        return [
            client.post("/notify", json=SEED_FLAT, headers=dict({"webhook-id": f"t{index}-{n}"}, **AUTH)).status_code
            for n in range(5)
        ]

    results = run_in_threads(THREADS, post)

    assert [code for codes in results for code in codes] == [201] * THREADS * 5
    listing = any_service_client.get("/notifications?per_page=100").get_json()
    assert listing["total"] == THREADS * 5
    assert sorted(item["id"] for item in listing["items"]) == list(range(1, THREADS * 5 + 1))


# --- the JSON file store ------------------------------------------------------------------------


@pytest.fixture
def json_store(tmp_path):
    return JsonNotificationStore(str(tmp_path / "notifications.json"))


def test_missing_file_is_an_empty_store(json_store):
    json_store.check()

    assert json_store.list({}, 1, 20) == ([], 0)
    assert json_store.get_by_notification_id("x") is None
    assert not os.path.exists(json_store.path)


def test_records_round_trip_through_the_file(json_store):
    record = make_record("a", minute=5)

    stored, created = json_store.add(record)

    assert created
    assert stored == dict(record, id=1)
    assert json_store.get_by_notification_id("a") == stored
    with open(json_store.path) as file:
        on_disk = json.load(file)
    assert on_disk[0]["received_at"] == "2024-03-01T12:05:00+00:00"
    assert on_disk[0]["notification_id"] == "a"


def test_threads_adding_at_once_lose_nothing(json_store):
    def add_many(index: int):
        return [json_store.add(make_record(f"t{index}-{n}", minute=n))[1] for n in range(25)]

    results = run_in_threads(THREADS, add_many)

    assert all(all(created) for created in results)
    with open(json_store.path) as file:
        records = json.load(file)
    assert len(records) == THREADS * 25
    assert sorted(record["id"] for record in records) == list(range(1, THREADS * 25 + 1))
    assert len({record["notification_id"] for record in records}) == THREADS * 25
    assert [name for name in os.listdir(os.path.dirname(json_store.path)) if name.endswith(".tmp")] == []


def _add_from_process(path: str, worker: int, count: int) -> None:
    store = JsonNotificationStore(path)
    for n in range(count):
        store.add(make_record(f"p{worker}-{n}"))
        store.add(make_record("shared"))  # every worker also repeats one id


def test_worker_processes_adding_at_once_lose_nothing(json_store):
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_add_from_process, args=(json_store.path, w, 15)) for w in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)

    assert [process.exitcode for process in processes] == [0] * 4
    items, total = json_store.list({}, 1, 100)
    assert total == 4 * 15 + 1
    assert sorted(item["id"] for item in items) == list(range(1, total + 1))
    assert [item["notification_id"] for item in items].count("shared") == 1


def test_a_failed_write_leaves_the_old_file_whole(json_store, monkeypatch):
    json_store.add(make_record("first"))
    with open(json_store.path) as file:
        before = file.read()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        json_store.add(make_record("second"))
    monkeypatch.undo()

    with open(json_store.path) as file:
        assert file.read() == before
    assert sorted(os.listdir(os.path.dirname(json_store.path))) == ["notifications.json", "notifications.json.lock"]
    assert json_store.get_by_notification_id("second") is None


def test_unreadable_file_makes_health_degraded(json_app, json_client):
    with open(json_app.config["NOTIFICATION_LOG_FILE"], "w") as file:
        file.write("[{not json")

    response = json_client.get("/health")

    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "service_unavailable"
    assert error["details"] == {"status": "degraded", "service": "crm", "storage": "json"}


def test_sql_add_lets_the_unique_constraint_decide(app, monkeypatch):
    """No read before the insert: a new id costs one INSERT; a repeat fails on the UNIQUE constraint (as a
    race between two workers would) and gets the row stored first."""
    store = SqlNotificationStore()
    with app.app_context():
        winner, _ = store.add(make_record("raced", minute=1))
        real_get = store.get_by_notification_id
        calls = []
        monkeypatch.setattr(store, "get_by_notification_id", lambda nid: calls.append(nid) or real_get(nid))

        fresh, created = store.add(make_record("fresh", minute=2))
        assert created and fresh["notification_id"] == "fresh" and calls == []
        stored, created = store.add(make_record("raced", minute=3))

        assert (stored, created) == (winner, False)
        assert calls == ["raced"]
        assert store.list({}, 1, 10)[1] == 2
