"""What studio automations ask of a client book about many accounts at once (POST
/api/service/studios/<id>/people/facts, the service token): tags, the asked segments they are in, consent and email,
one item per id in order; a merged client read as the one kept; another studio's segment a 404; a fixed number of
statements whatever the number of ids."""

import datetime as dt

import pytest
from client_book_payloads import OTHER_SLUG, SLUG, STUDIO, booking, staff_token, typed
from crm_payloads import AUTH, assert_error
from probes import count_statements

from crm_microservice.extensions import db

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
BASE = f"/api/studios/{SLUG}"
PEOPLE = {
    "Asha": {"id": 456, "name": "Asha", "email": "asha@example.com"},
    "Ben": {"id": 457, "name": "Ben", "email": "ben@example.com"},
    "Cara": {"id": 459, "name": "Cara", "email": "cara@example.com"},
    "Dan": {"id": 460, "name": "Dan", "email": "dan@example.com"},
    "Dan again": {"id": 461, "name": "Dan again", "email": "dan.work@example.com"},
}


def facts_path(studio_id: int = STUDIO) -> str:
    return f"/api/service/studios/{studio_id}/people/facts"


def _put(client, path: str, body: dict) -> None:
    answer = client.put(f"{BASE}/clients/{path}", json=body, headers=staff_token("owner"))
    assert answer.status_code == 200, answer.get_json()


def _segment(client, slug: str, filters: dict) -> int:
    made = client.post(
        f"/api/studios/{slug}/segments", json={"name": "s", "filters": filters}, headers=staff_token("owner")
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


@pytest.fixture
def book(app):
    """Asha (tagged VIP and regular, consent given), Ben (consent given, then withdrawn), Cara (nothing), Dan (tagged
    new) with Dan again (tagged old) merged into him; segments "vip" and "consenting", and one of another studio's."""
    client = app.test_client()
    for number, person in enumerate(PEOPLE.values(), start=1):
        payload = booking("booking_created", number, NOW + DAY, NOW - DAY, user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    ids = {
        item["name"]: item["id"]
        for item in client.get(f"{BASE}/clients", headers=staff_token("owner")).get_json()["items"]
    }
    _put(client, f"{ids['Asha']}/tags", {"tags": ["VIP", "regular"]})
    _put(client, f"{ids['Dan']}/tags", {"tags": ["new"]})
    _put(client, f"{ids['Dan again']}/tags", {"tags": ["old"]})
    for name, consent in (("Asha", True), ("Ben", True), ("Ben", False)):
        _put(client, f"{ids[name]}/consent", {"marketing": consent, "how": "at the desk"})
    merged = client.post(
        f"{BASE}/clients/{ids['Dan again']}/merge", json={"into": ids["Dan"]}, headers=staff_token("owner")
    )
    assert merged.status_code == 200, merged.get_json()
    segments = {
        "vip": _segment(client, SLUG, {"tag": "vip"}),
        "consenting": _segment(client, SLUG, {"marketing_consent": True}),
        "theirs": _segment(client, OTHER_SLUG, {"marketing_consent": True}),
    }
    return client, segments


def _facts(client, user_ids: list, segment_ids: list | None = None, **extra):
    body = {"user_ids": user_ids, **({"segment_ids": segment_ids} if segment_ids is not None else {}), **extra}
    return client.post(facts_path(), json=body, headers=AUTH)


def test_each_asked_account_gets_its_facts_in_the_asked_order(book):
    client, segments = book
    asked = [459, 999, 456, 457, 456]
    answer = _facts(client, asked, [segments["consenting"], segments["vip"]])
    assert answer.status_code == 200, answer.get_json()
    items = answer.get_json()["items"]
    assert [item["user_id"] for item in items] == asked
    cara, stranger, asha, ben, asha_again = items
    assert asha == asha_again
    assert asha["known"] is True and asha["tags"] == ["regular", "vip"]
    assert asha["segment_ids"] == [segments["consenting"], segments["vip"]]  # the order asked
    assert (asha["marketing_consent"], asha["email"]) == (True, "asha@example.com")
    assert abs(dt.datetime.fromisoformat(asha["consent_at"]) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    # Withdrawn is not given: no consent, and no time of a consent.
    assert (ben["known"], ben["marketing_consent"], ben["consent_at"], ben["segment_ids"]) == (True, False, None, [])
    assert isinstance(cara.pop("client_id"), int)  # the client's id in the book, what an unsubscribe names
    assert cara == {
        "user_id": 459,
        "known": True,
        "tags": [],
        "segment_ids": [],
        "marketing_consent": False,
        "consent_at": None,
        "email": "cara@example.com",
    }
    assert stranger == {
        "user_id": 999,
        "client_id": None,
        "known": False,
        "tags": [],
        "segment_ids": [],
        "marketing_consent": False,
        "consent_at": None,
        "email": None,
    }


def test_a_merged_account_reads_as_the_client_it_was_merged_into(book):
    client, segments = book
    dan, dan_again = _facts(client, [460, 461], [segments["vip"]]).get_json()["items"]
    assert dan_again == dan | {"user_id": 461}
    assert (dan["tags"], dan["email"], dan["segment_ids"]) == (["new", "old"], "dan@example.com", [])


def test_no_segment_asked_answers_without_segments(book):
    client, _segments = book
    [asha] = _facts(client, [456]).get_json()["items"]
    assert (asha["segment_ids"], asha["tags"]) == ([], ["regular", "vip"])


def test_another_studios_segment_is_a_404(book):
    client, segments = book
    assert_error(_facts(client, [456], [segments["vip"], segments["theirs"]]), 404, "segment_not_found")
    assert_error(_facts(client, [456], [10**6]), 404, "segment_not_found")


def test_only_the_service_token_opens_it(book):
    client, _segments = book
    assert client.post(facts_path(), json={"user_ids": [456]}).status_code == 401
    assert client.post(facts_path(), json={"user_ids": [456]}, headers=staff_token("owner")).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "user_ids"),
        ({"user_ids": []}, "user_ids"),
        ({"user_ids": list(range(1, 502))}, "user_ids"),
        ({"user_ids": ["456"]}, "user_ids"),
        ({"user_ids": [0]}, "user_ids"),
        ({"user_ids": [456], "segment_ids": list(range(1, 22))}, "segment_ids"),
        ({"user_ids": [456], "segment_ids": [-1]}, "segment_ids"),
        ({"user_ids": [456], "timezone": "Asia/Kolkata; drop"}, "timezone"),
        ({"user_ids": [456], "other": 1}, "other"),
    ],
    ids=str,
)
def test_a_bad_body_is_a_400_naming_the_field(book, body, field):
    client, _segments = book
    assert_error(client.post(facts_path(), json=body, headers=AUTH), 400, "validation_error", (field,))


def test_the_most_ids_are_answered(book):
    client, segments = book
    answer = _facts(client, list(range(1, 501)), [segments["vip"]] * 20)
    assert answer.status_code == 200, answer.get_json()
    items = answer.get_json()["items"]
    assert len(items) == 500 and items[455]["segment_ids"] == [segments["vip"]]  # a segment asked twice: once


def test_a_fixed_number_of_statements_whatever_the_number_of_ids(app, book):
    client, segments = book
    with app.app_context():
        engine = db.engine
    asked = list(segments.values())[:2]
    few = count_statements(engine, lambda: _facts(client, [456, 461], asked))
    many = count_statements(engine, lambda: _facts(client, [*range(400, 500), 456, 461], asked))
    for answer, _count in (few, many):
        assert answer.status_code == 200
    assert few[1] == many[1] <= 3, (few[1], many[1])


def test_segments_hold_the_clients_their_lists_show(book):
    """Every kind of filter (the presets, a tag, none met): a client is in a segment here when its list shows them."""
    client, segments = book
    owner = staff_token("owner")
    for payload in (
        booking("booking_created", 10, NOW, NOW - 2 * DAY, user=PEOPLE["Asha"]),  # a first visit this month
        typed("checked_in", NOW, booking_id=10),
        *(booking("booking_created", n, NOW - DAY, NOW - 2 * DAY, user=PEOPLE["Dan"]) for n in (11, 12)),
        *(typed("no_show", NOW - DAY, booking_id=n, user_id=460) for n in (11, 12)),
        typed("pass_purchased", NOW, user_id=457, pass_id=1, kind="pack", credits_left=1, price=900, currency="INR"),
        typed("pass_purchased", NOW, user_id=459, pass_id=2, kind="membership", price=900, currency="INR"),
    ):
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    presets = client.get(f"{BASE}/segments/presets", headers=owner).get_json()["items"]
    asked = [_segment(client, SLUG, preset["filters"]) for preset in presets] + [segments["vip"]]
    asked.append(_segment(client, SLUG, {"no_visit_in_days": 1, "member": True, "tag": "old"}))
    items = _facts(client, [person["id"] for person in PEOPLE.values()], asked).get_json()["items"]
    met = []
    for segment_id in asked:
        listed = client.get(f"{BASE}/clients", query_string={"segment": segment_id}, headers=owner).get_json()
        shown = {item["user_id"] for item in listed["items"]}
        found = {item["user_id"] for item in items if segment_id in item["segment_ids"]}
        assert found - {461} == shown, segment_id  # Dan again, merged into Dan, is listed as him alone
        assert (461 in found) == (460 in found)
        met.append(found)
    assert all(met[1:5]), "each preset but lapsed and reachable holds someone"
