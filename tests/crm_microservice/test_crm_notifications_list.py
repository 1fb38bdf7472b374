"""GET /notifications: filters, pagination and who may read (same semantics on both stores)."""

import datetime as dt

import pytest
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, SEED_TYPED, body

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store

T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


def seed(app, payloads_at: list[tuple[dict, dt.datetime]]) -> list[int]:
    """Store payloads as if received at the given times; returns their ids in order."""
    ids = []
    with app.app_context():
        store = get_store(app)
        for payload, received_at in payloads_at:
            record, created = store.add(build_record(payload, {}, now=received_at))
            assert created
            ids.append(record["id"])
    return ids


@pytest.fixture
def five(any_app):
    """Five notifications one minute apart: ids 1..5, received T0..T0+4min."""
    payloads = [
        body(SEED_NESTED),  # 1
        body(SEED_NESTED, booking_id=124, facilitator_id=102, session_id=9),  # 2
        body(SEED_FLAT),  # 3
        body(SEED_TYPED),  # 4
        body(SEED_NESTED, type="booking_cancelled", notification_id="n-5"),  # 5
    ]
    ids = seed(any_app, [(payload, T0 + dt.timedelta(minutes=i)) for i, payload in enumerate(payloads)])
    assert ids == [1, 2, 3, 4, 5]
    return ids


def ids_of(client, query: str = "") -> list[int]:
    response = client.get(f"/notifications{query}")
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_newest_first_with_all_fields(any_service_client, five):
    response = any_service_client.get("/notifications")

    page = response.get_json()
    assert [item["id"] for item in page["items"]] == [5, 4, 3, 2, 1]
    assert (page["page"], page["per_page"], page["total"], page["pages"]) == (1, 20, 5, 1)
    oldest = page["items"][-1]
    assert oldest["user"]["email"] == "test@example.com"
    assert oldest["received_at"] == "2024-03-01T12:00:00+00:00"
    assert oldest["source_format"] == "nested"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?type=booking_cancelled", [5]),
        ("?type=booking_created", [4, 3, 2, 1]),
        ("?facilitator_id=101", [5, 1]),
        ("?facilitator_id=2", [3]),
        ("?booking_id=124", [2]),
        ("?user_id=456", [5, 2, 1]),
        ("?user_id=123", [4]),
        ("?event_id=789", [5, 2, 1]),
        ("?session_id=789", [4]),
        ("?session_id=9", [2]),
        ("?notification_id=n-5", [5]),
        ("?since=2024-03-01T12:02:00Z", [5, 4, 3]),
        ("?until=2024-03-01T12:02:00%2B00:00", [2, 1]),
        ("?since=2024-03-01T12:01:00&until=2024-03-01T12:03:00", [3, 2]),
        ("?since=2024-03-01T13:01:00%2B01:00", [5, 4, 3, 2]),
        ("?facilitator_id=101&type=booking_created", [1]),
        ("?facilitator_id=999", []),
    ],
)
def test_filters(any_service_client, five, query, expected):
    assert ids_of(any_service_client, query) == expected


def test_pagination(any_service_client, five):
    pages = [any_service_client.get(f"/notifications?per_page=2&page={n}").get_json() for n in (1, 2, 3, 4)]

    assert [[item["id"] for item in page["items"]] for page in pages] == [[5, 4], [3, 2], [1], []]
    assert {(page["total"], page["pages"], page["per_page"]) for page in pages} == {(5, 3, 2)}
    assert [page["page"] for page in pages] == [1, 2, 3, 4]


def test_same_received_at_orders_by_id(any_service_client, any_app):
    seed(any_app, [(body(SEED_FLAT), T0), (body(SEED_FLAT), T0), (body(SEED_FLAT), T0)])

    assert ids_of(any_service_client) == [3, 2, 1]


def test_empty_store(any_service_client):
    page = any_service_client.get("/notifications").get_json()

    assert page == {"items": [], "page": 1, "per_page": 20, "total": 0, "pages": 0, "unread": 0}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?per_page=0", "per_page"),
        ("?per_page=101", "per_page"),
        ("?per_page=1.5", "per_page"),
        ("?facilitator_id=abc", "facilitator_id"),
        ("?booking_id=-1", "booking_id"),
        ("?user_id=", "user_id"),
        ("?since=yesterday", "since"),
        ("?until=2024-02-30T00:00:00", "until"),
        ("?type=Not%20A%20Type", "type"),
        ("?notification_id=a%20b", "notification_id"),
    ],
)
def test_bad_query_is_400_naming_the_parameter(any_service_client, query, field):
    response = any_service_client.get(f"/notifications{query}")

    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["details"]) == [field]


# --- who may read -------------------------------------------------------------------------------


def test_anonymous_read_masks_emails_everywhere(client, service_client, app):
    payload = body(SEED_TYPED, message="Welcome jane.doe@example.org", data={"email": "jane.doe@example.org"})
    seed(app, [(body(SEED_NESTED), T0), (payload, T0)])

    anonymous = client.get("/notifications").get_json()["items"]
    full = service_client.get("/notifications").get_json()["items"]

    assert anonymous[1]["user"]["email"] == "t***@example.com"
    assert anonymous[0]["message"] == "Welcome j***@example.org"
    assert anonymous[0]["data"] == {"email": "j***@example.org"}
    assert "@example" not in str(anonymous).replace("***@example", "")
    assert full[1]["user"]["email"] == "test@example.com"
    assert full[0]["data"] == {"email": "jane.doe@example.org"}


def test_wrong_token_is_401_even_with_anonymous_read(client):
    response = client.get("/notifications", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_auth_is_checked_before_the_query(client):
    response = client.get("/notifications?page=0", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401


def test_anonymous_read_can_be_turned_off(make_app):
    app = make_app(CRM_ANONYMOUS_READ=False)

    anonymous = app.test_client().get("/notifications")
    service = app.test_client().get("/notifications", headers=AUTH)

    assert anonymous.status_code == 401
    assert anonymous.get_json()["error"]["code"] == "unauthorized"
    assert service.status_code == 200


def test_anonymous_read_is_off_by_default_in_production(make_app):
    app = make_app(APP_ENV="production", CRM_ANONYMOUS_READ=...)

    assert app.config["CRM_ANONYMOUS_READ"] is False
    assert app.test_client().get("/notifications").status_code == 401
