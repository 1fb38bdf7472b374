"""POST /notify/batch: many notifications in one request, each stored once by its own id, each judged alone."""

import json
import time

import pytest
import sqlalchemy as sa
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, SEED_TYPED, assert_error, body
from crm_tokens import FACILITATOR_ID, bearer, mint
from probes import count_statements
from test_crm_stores import THREADS, run_in_threads

from crm_microservice.extensions import db
from crm_microservice.storage import JsonNotificationStore
from service_kit.signatures import sign, signing_key

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BATCH_ID = "batch_2KWPBgLlAfxdpx2AI54pPJ85f4W"


def post_batch(client, items, headers=AUTH):
    return client.post("/notify/batch", json={"notifications": items}, headers=headers)


def post_raw(client, raw: bytes, headers=AUTH):
    return client.post("/notify/batch", data=raw, content_type="application/json", headers=headers)


def listed(client) -> dict:
    """The stored notifications by notification_id."""
    items = client.get("/notifications?per_page=100", headers=AUTH).get_json()["items"]
    return {item["notification_id"]: item for item in items}


def statuses(response) -> list:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [(result["notification_id"], result["status"]) for result in response.get_json()["results"]]


# --- storing ------------------------------------------------------------------------------------


def test_the_three_shapes_in_one_batch_are_stored_in_order(any_app):
    client = any_app.test_client()
    items = [
        body(SEED_NESTED, notification_id="n-1"),
        body(SEED_FLAT, notification_id="f-1"),
        body(SEED_TYPED, notification_id="t-1"),
    ]

    response = post_batch(client, items)

    assert response.get_json() == {
        "results": [
            {"notification_id": "n-1", "status": "stored"},
            {"notification_id": "f-1", "status": "stored"},
            {"notification_id": "t-1", "status": "stored"},
        ],
        "stored": 3,
        "duplicate": 0,
        "invalid": 0,
    }
    stored = listed(client)
    assert {name: stored[name]["source_format"] for name in stored} == {"n-1": "nested", "f-1": "flat", "t-1": "typed"}
    assert stored["n-1"]["id"] < stored["f-1"]["id"] < stored["t-1"]["id"]  # the order sent


def test_records_are_normalised_exactly_as_notify_does(any_app):
    """Read marks (data.actor), batch_id and the shapes' fields: the same record whichever route it came by."""
    client = any_app.test_client()
    members = [
        body(SEED_NESTED, data={"actor": {"id": FACILITATOR_ID, "role": "facilitator"}, "batch_id": "summary-1"}),
        body(SEED_NESTED, data={"actor": {"id": 456, "role": "user"}}, occurred_at="2024-01-15T09:00:00+05:30"),
        body(SEED_TYPED, facilitator_id=FACILITATOR_ID, data={"event_id": 5, "actor": {"id": FACILITATOR_ID}}),
        body(SEED_TYPED, type="session_cancelled", data={"batch_id": "summary-1"}),
        body(SEED_FLAT, type="booking_cancelled"),
    ]
    for n, item in enumerate(members):
        assert client.post("/notify", json=dict(item, notification_id=f"s-{n}"), headers=AUTH).status_code == 201
    response = post_batch(client, [dict(item, notification_id=f"b-{n}") for n, item in enumerate(members)])
    assert response.get_json()["stored"] == len(members)

    stored = listed(client)
    ignored = ("id", "notification_id", "received_at", "read_at")
    for n in range(len(members)):
        single, batched = stored[f"s-{n}"], stored[f"b-{n}"]
        assert {k: v for k, v in batched.items() if k not in ignored} == {
            k: v for k, v in single.items() if k not in ignored
        }
        assert (batched["read_at"] is None) == (single["read_at"] is None)
    assert stored["b-0"]["read"] and stored["b-0"]["batch_id"] == "summary-1"
    assert not stored["b-1"]["read"] and stored["b-1"]["occurred_at"].startswith("2024-01-15T03:30:00")
    assert stored["b-2"]["read"] and stored["b-2"]["event"]["id"] == 5


def test_an_item_already_stored_is_a_duplicate_and_kept_as_it_was(any_app):
    client = any_app.test_client()
    assert client.post("/notify", json=body(SEED_NESTED, notification_id="old"), headers=AUTH).status_code == 201

    response = post_batch(client, [body(SEED_FLAT, notification_id="old"), body(SEED_FLAT, notification_id="new")])

    assert statuses(response) == [("old", "duplicate"), ("new", "stored")]
    assert response.get_json()["duplicate"] == 1
    stored = listed(client)
    assert set(stored) == {"old", "new"}
    assert stored["old"]["source_format"] == "nested"  # the first one stored wins


def test_a_repeat_within_the_batch_counts_once(any_app):
    client = any_app.test_client()
    items = [
        body(SEED_NESTED, notification_id="x"),
        body(SEED_FLAT, notification_id="x"),
        body(SEED_TYPED, notification_id="x"),
    ]

    assert statuses(post_batch(client, items)) == [("x", "stored"), ("x", "duplicate"), ("x", "duplicate")]
    assert listed(client)["x"]["source_format"] == "nested"


def test_a_repeated_batch_stores_nothing_more(any_app):
    """A dispatcher's retry after a lost answer: every item a duplicate."""
    client = any_app.test_client()
    items = [body(SEED_NESTED, booking_id=n, notification_id=f"m-{n}") for n in range(1, 21)]
    assert post_batch(client, items).get_json()["stored"] == 20

    again = post_batch(client, items).get_json()

    assert (again["stored"], again["duplicate"], again["invalid"]) == (0, 20, 0)
    assert len(listed(client)) == 20


def test_an_invalid_item_that_shares_an_id_does_not_claim_it(any_app):
    client = any_app.test_client()
    items = [body(SEED_NESTED, notification_id="z", user={"id": 1}), body(SEED_FLAT, notification_id="z")]

    assert statuses(post_batch(client, items)) == [("z", "invalid"), ("z", "stored")]


# --- invalid items ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (body(SEED_NESTED), "notification_id"),  # no headers per item: without its own id it cannot be once
        (body(SEED_NESTED, notification_id=None), "notification_id"),
        (body(SEED_NESTED, notification_id="x" * 65), "notification_id"),
        (body(SEED_NESTED, notification_id=7), "notification_id"),
        (body(SEED_NESTED, notification_id="ok", user={"id": 1, "name": "A", "email": "nope"}), "user.email"),
        (body(SEED_FLAT, notification_id="ok", booking_id="101"), "booking_id"),
        (body(SEED_TYPED, notification_id="ok", user_id=10**30), "user_id"),
        (body(SEED_NESTED, notification_id="ok", data={"actor": {"id": 0}}), "data.actor.id"),
        (body(SEED_NESTED, notification_id="ok", user=5), "user"),
        (body(SEED_FLAT, notification_id="ok", video_url="x"), "video_url"),
        ({"notification_id": "ok"}, "type"),
        ("a string", "body"),
        ([SEED_NESTED], "body"),
        (None, "body"),
    ],
)
def test_an_invalid_item_is_refused_alone_with_the_error_notify_would_give(any_app, item, field):
    client = any_app.test_client()
    good = body(SEED_FLAT, notification_id="good")

    response = post_batch(client, [good, item, dict(good, notification_id="good-2")])

    answer = response.get_json()
    assert [r["status"] for r in answer["results"]] == ["stored", "invalid", "stored"]
    assert (answer["stored"], answer["duplicate"], answer["invalid"]) == (2, 0, 1)
    error = answer["results"][1]["error"]
    assert set(error) == {"code", "message", "details"} and error["code"] == "validation_error"
    assert field in error["details"], error["details"]
    stated = item.get("notification_id") if isinstance(item, dict) else None
    assert answer["results"][1]["notification_id"] == (stated if stated in ("ok",) else None)
    assert set(listed(client)) == {"good", "good-2"}


def test_a_batch_of_only_invalid_items_is_200_and_stores_nothing(any_app):
    client = any_app.test_client()

    answer = post_batch(client, [SEED_NESTED, SEED_FLAT]).get_json()

    assert (answer["stored"], answer["invalid"]) == (0, 2)
    assert listed(client) == {}


# --- the envelope -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "notifications"),
        ({"notifications": None}, "notifications"),
        ({"notifications": {"a": SEED_NESTED}}, "notifications"),
        ({"notifications": "[]"}, "notifications"),
        ({"notifications": []}, "notifications"),
        ({"notifications": [body(SEED_FLAT, notification_id=f"i{n}") for n in range(501)]}, "notifications"),
        ([body(SEED_FLAT, notification_id="i")], "body"),
        ("notifications", "body"),
        ({"notifications": [body(SEED_FLAT, notification_id="i")], "notificatons": []}, "notificatons"),
    ],
    ids=["no list", "null", "object", "string", "empty", "501 items", "bare list", "bare string", "unknown key"],
)
def test_a_malformed_envelope_is_400_and_stores_nothing(any_app, payload, field):
    client = any_app.test_client()

    assert_error(client.post("/notify/batch", json=payload, headers=AUTH), 400, "validation_error", (field,))
    assert listed(client) == {}


def test_500_items_are_accepted(any_app):
    client = any_app.test_client()
    items = [body(SEED_FLAT, booking_id=n + 1, notification_id=f"i{n}") for n in range(500)]

    assert post_batch(client, items).get_json()["stored"] == 500
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 500


@pytest.mark.parametrize(
    ("raw", "content_type", "code"),
    [
        (b"", "application/json", "invalid_json"),
        (b'{"notifications": [', "application/json", "invalid_json"),
        (b'{"notifications": [], "notifications": []}', "application/json", "invalid_json"),
        (b"notifications=1", "application/x-www-form-urlencoded", "invalid_content_type"),
    ],
)
def test_a_body_that_is_not_json_is_400(client, raw, content_type, code):
    assert_error(client.post("/notify/batch", data=raw, content_type=content_type, headers=AUTH), 400, code)


# --- size limits --------------------------------------------------------------------------------


def test_a_batch_may_be_larger_than_notify_takes_but_not_larger_than_its_own_limit(make_app, database_url):
    app = make_app(database_url, NOTIFY_BATCH_MAX_CONTENT_LENGTH=300_000)
    client = app.test_client()
    items = [body(SEED_FLAT, notification_id=f"i{n}", message="x" * 1900) for n in range(100)]  # ~200 KB
    assert len(json.dumps({"notifications": items})) > app.config["MAX_CONTENT_LENGTH"]

    assert post_batch(client, items).get_json()["stored"] == 100

    too_large = [dict(item, notification_id=f"j{n}") for n, item in enumerate(items * 2)]  # ~400 KB
    assert_error(post_batch(client, too_large), 413, "request_entity_too_large")
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 100
    # /notify keeps its own, smaller limit.
    big = body(SEED_NESTED, data={"blob": "x" * 70_000})
    assert_error(client.post("/notify", json=big, headers=AUTH), 413, "request_entity_too_large")


def test_the_batch_limit_has_a_default_and_is_checked(make_app):
    assert make_app().config["NOTIFY_BATCH_MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    with pytest.raises(RuntimeError, match="NOTIFY_BATCH_MAX_CONTENT_LENGTH"):
        make_app(NOTIFY_BATCH_MAX_CONTENT_LENGTH="2MB")


# --- auth, signatures, rate limit ---------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [lambda: {}, lambda: {"Authorization": "Bearer wrong-token"}, lambda: bearer(mint(FACILITATOR_ID, "facilitator"))],
    ids=["none", "wrong token", "facilitator JWT"],
)
def test_without_the_service_token_it_is_401_and_nothing_stored(client, headers):
    # Headers made when the test runs: a JWT minted at collection could expire before a long run reaches it.
    response = post_batch(client, [body(SEED_FLAT, notification_id="a")], headers=headers())

    assert_error(response, 401, "unauthorized")
    assert listed(client) == {}


def signed(raw: bytes, msg_id: str = BATCH_ID, **extra) -> dict:
    timestamp = int(time.time())
    return {
        **AUTH,
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(signing_key(SECRET), msg_id, timestamp, raw),
        **extra,
    }


@pytest.fixture
def signed_client(make_app, database_url):
    return make_app(database_url, CRM_SIGNING_SECRET=SECRET).test_client()


def test_one_signature_over_the_whole_batch_is_enough(signed_client):
    raw = json.dumps({"notifications": [body(SEED_NESTED, notification_id="a"), body(SEED_FLAT, notification_id="b")]})

    response = post_raw(signed_client, raw.encode(), headers=signed(raw.encode()))

    assert statuses(response) == [("a", "stored"), ("b", "stored")]
    assert set(listed(signed_client)) == {"a", "b"}  # the items' own ids, not the batch's webhook-id


def test_a_tampered_or_unsigned_batch_is_refused(signed_client):
    raw = json.dumps({"notifications": [body(SEED_FLAT, notification_id="a")]}).encode()
    tampered = raw.replace(b"Bhavin", b"Mallory")

    assert_error(post_raw(signed_client, tampered, headers=signed(raw)), 401, "invalid_signature")
    assert_error(post_raw(signed_client, raw), 401, "signature_required")
    assert listed(signed_client) == {}


def test_batches_have_their_own_rate_limit_counting_a_batch_once(make_app, database_url):
    client = make_app(database_url, RATELIMIT_NOTIFY_BATCH="2/minute", RATELIMIT_NOTIFY="2/minute").test_client()
    items = [body(SEED_FLAT, notification_id=f"i{n}") for n in range(50)]
    assert post_batch(client, items[:25]).status_code == 200
    assert post_batch(client, items[25:]).status_code == 200

    blocked = post_batch(client, [body(SEED_FLAT, notification_id="late")])

    assert_error(blocked, 429, "too_many_requests")
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert client.post("/notify", json=SEED_FLAT, headers=AUTH).status_code == 201  # /notify counts apart
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 51


def test_the_default_batch_rate_limit(make_app):
    assert make_app().config["RATELIMIT_NOTIFY_BATCH"] == "100/second"


# --- hostile input ------------------------------------------------------------------------------


def test_deep_json_is_400_and_nothing_stored(any_app):
    client = any_app.test_client()
    deep = b'{"notifications": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"

    assert "Nested deeper" in assert_error(post_raw(client, deep), 400, "invalid_json")["details"]["body"][0]
    assert listed(client) == {}


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (b'{"notification_id": "s", "type": "t", "user_id": 1, "message": "\\ud800"}', "message"),
        (b'{"notification_id": "s", "type": "t", "user_id": 1, "message": "a\\u0000b"}', "message"),
        (b'{"notification_id": "s", "type": "t", "user_id": 1, "message": "m", "data": {"k\\udfff": 1}}', "data.k"),
        (b'{"notification_id": "\\ud800", "type": "t", "user_id": 1, "message": "m"}', "notification_id"),
    ],
    ids=["lone surrogate", "NUL", "surrogate in a key", "surrogate in the id"],
)
def test_text_that_cannot_be_stored_refuses_only_its_item(any_app, item, field):
    client = any_app.test_client()
    good = json.dumps(body(SEED_FLAT, notification_id="good")).encode()

    response = post_raw(client, b'{"notifications": [' + good + b", " + item + b"]}")

    answer = response.get_json()
    assert [r["status"] for r in answer["results"]] == ["stored", "invalid"]
    assert answer["results"][1]["notification_id"] in (None, "s")
    assert any(name.startswith(field) for name in answer["results"][1]["error"]["details"])
    assert set(listed(client)) == {"good"}


FLAT_ITEM = '{"notification_id": "h", "user": "A", "event": "E", "facilitator_id": 2, "booking_id": %s}'
TYPED_ITEM = '{"notification_id": "h", "type": "t", "user_id": 1, "message": "m", "timestamp": "%s"}'


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (FLAT_ITEM % ("1" + "0" * 29), "booking_id"),
        (FLAT_ITEM % "-1", "booking_id"),
        (FLAT_ITEM % "1.5", "booking_id"),
        (FLAT_ITEM % "1e300", "booking_id"),
        (TYPED_ITEM % "0001-01-01T00:00:00+01:00", "timestamp"),
    ],
    ids=["10**29", "negative", "fraction", "1e300", "before year 1 in UTC"],
)
def test_huge_or_odd_numbers_refuse_only_their_item(any_app, item, field):
    client = any_app.test_client()
    good = json.dumps(body(SEED_FLAT, notification_id="good"))

    answer = post_raw(client, f'{{"notifications": [{good}, {item}]}}'.encode()).get_json()

    assert [r["status"] for r in answer["results"]] == ["stored", "invalid"]
    assert field in answer["results"][1]["error"]["details"]


@pytest.mark.parametrize("number", ["1e999", "9" * 5000], ids=["infinite", "5000 digits"])
def test_numbers_json_cannot_carry_refuse_the_body(any_app, number):
    client = any_app.test_client()
    raw = f'{{"notifications": [{{"notification_id": "h", "booking_id": {number}}}]}}'.encode()

    assert_error(post_raw(client, raw), 400, "invalid_json")
    assert listed(client) == {}


# --- all or nothing, concurrency, statements ----------------------------------------------------


def fail(*_args):
    raise sa.exc.OperationalError("COMMIT", {}, OSError(28, "No space left on device"))


def test_a_storage_failure_stores_none_of_the_batch(any_app, monkeypatch):
    client = any_app.test_client()
    if any_app.config["CRM_STORAGE"] == "json":
        monkeypatch.setattr(JsonNotificationStore, "_write", lambda self, records: (_ for _ in ()).throw(OSError(28)))
    else:
        monkeypatch.setattr(
            sa.orm.Session,
            "commit",
            lambda self: (_ for _ in ()).throw(sa.exc.OperationalError("COMMIT", {}, Exception("disk full"))),
        )
    items = [body(SEED_FLAT, notification_id=f"i{n}") for n in range(10)]

    # Disk full is the database's passing state, not the batch's: 503, and the dispatcher sends it again.
    sql = any_app.config["CRM_STORAGE"] != "json"
    assert_error(post_batch(client, items), *((503, "service_unavailable") if sql else (500, "internal_error")))

    monkeypatch.undo()
    assert listed(client) == {}
    assert post_batch(client, items).get_json()["stored"] == 10  # the retry stores them all


@pytest.mark.both_databases
def test_concurrent_overlapping_batches_store_each_id_once(any_app):
    """Dispatchers racing on the same messages: every id stored once, and reported stored by exactly one answer."""

    def post(index: int):
        shared = [body(SEED_FLAT, notification_id=f"shared-{n}") for n in range(10)]
        own = [body(SEED_FLAT, notification_id=f"t{index}-{n}") for n in range(10)]
        return statuses(post_batch(any_app.test_client(), shared + own))

    answers = run_in_threads(THREADS, post)

    stored = [notification_id for answer in answers for notification_id, status in answer if status == "stored"]
    assert sorted(stored) == sorted(set(stored))
    assert {name for name in stored if name.startswith("shared-")} == {f"shared-{n}" for n in range(10)}
    assert any_app.test_client().get("/notifications", headers=AUTH).get_json()["total"] == 10 + THREADS * 10


def test_a_batch_takes_the_same_statements_whatever_its_size(app):
    client = app.test_client()
    with app.app_context():
        engine = db.engine
    assert client.post("/notify", json=body(SEED_FLAT, notification_id="known"), headers=AUTH).status_code == 201

    def batch(size: int, prefix: str):
        items = [body(SEED_NESTED, booking_id=n + 1, notification_id=f"{prefix}-{n}") for n in range(size)]
        items += [body(SEED_FLAT, notification_id="known"), body(SEED_FLAT), items[0]]  # duplicates, invalid
        return lambda: post_batch(client, items)

    small_response, small = count_statements(engine, batch(2, "small"))
    large_response, large = count_statements(engine, batch(400, "large"))

    assert small_response.get_json()["stored"] == 2 and large_response.get_json()["stored"] == 400
    assert small == large == 1, (small, large)  # one multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING


@pytest.mark.both_databases
def test_concurrent_batches_holding_shared_ids_in_opposite_orders_all_succeed(any_app):
    """On PostgreSQL they deadlock now and then; the one it rolls back runs again (all or nothing each time)."""
    any_app.config["RATELIMIT_NOTIFY_BATCH"] = "10000/second"  # read per request; this test is about storage

    def post(index: int):
        client = any_app.test_client()
        answers = []
        for round_ in range(15):
            items = [body(SEED_FLAT, notification_id=f"r{round_}-{n}") for n in range(40)]
            answers.append(post_batch(client, items[::-1] if index % 2 else items).status_code)
        return answers

    answers = run_in_threads(4, post)

    assert {code for codes in answers for code in codes} == {200}
    assert any_app.test_client().get("/notifications", headers=AUTH).get_json()["total"] == 15 * 40


class Deadlock(Exception):
    sqlstate = "40P01"


def test_a_batch_rolled_back_by_a_deadlock_is_run_again(app, monkeypatch):
    client = app.test_client()
    real, calls = sa.orm.Session.scalars, []

    def deadlocked_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise sa.exc.OperationalError("INSERT", {}, Deadlock())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(sa.orm.Session, "scalars", deadlocked_once)
    response = post_batch(client, [body(SEED_FLAT, notification_id=f"i{n}") for n in range(5)])
    monkeypatch.undo()

    assert response.get_json()["stored"] == 5 and len(calls) == 2
    assert len(listed(client)) == 5


def test_any_other_storage_error_is_not_retried(app, monkeypatch):
    calls = []

    def broken(self, *args, **kwargs):
        calls.append(1)
        raise sa.exc.OperationalError("INSERT", {}, OSError(5, "I/O error"))

    monkeypatch.setattr(sa.orm.Session, "scalars", broken)
    assert_error(post_batch(app.test_client(), [body(SEED_FLAT, notification_id="a")]), 503, "service_unavailable")
    assert len(calls) == 1
