"""Segments: saved filters of a studio's client book with live counts, each filter key on a scripted studio, bad
filters refused naming the field, the presets all saveable, and who may read and save them."""

import datetime as dt

import pytest
import sqlalchemy as sa
from client_book_payloads import OTHER_SLUG, SLUG, STUDIO, booking, staff_token, typed
from crm_payloads import AUTH

from crm_microservice.extensions import db
from crm_microservice.models import Client
from crm_microservice.services.clients.segments import conditions, month_start

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DAY = dt.timedelta(days=1)
PEOPLE = {
    "asha": {"id": 456, "name": "Asha", "email": "asha@example.com"},
    "ben": {"id": 457, "name": "Ben", "email": "ben@example.com"},
    "cara": {"id": 458, "name": "Cara", "email": "cara@example.com"},
}
BASE = f"/api/studios/{SLUG}"


def _pass(kind: str, pass_id: int, user_id: int, **extra) -> dict:
    return typed("pass_purchased", NOW - DAY, user_id=user_id, pass_id=pass_id, name=kind, kind=kind, **extra)


@pytest.fixture
def studio(app):
    """Asha: last visit 40 days ago, a pack with 1 credit, tagged regular, consent given. Ben: first visit this
    month, a membership. Cara: two no-shows in 60 days, never a visit."""
    client = app.test_client()
    # Read when the test runs, not at import: a run may cross midnight into another month meanwhile.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    month_start = now.replace(day=1, hour=0, minute=0, second=0)
    this_month = month_start + (now - month_start) / 2
    payloads = [
        booking("booking_created", 1, now - 40 * DAY, now - 41 * DAY, user=PEOPLE["asha"]),
        typed("checked_in", now - 40 * DAY, booking_id=1, user_id=456),
        _pass("pack", 1, 456, credits_left=1, price=1000, currency="INR"),
        _pass("pack", 2, 457, credits_left=8, price=1000, currency="INR"),
        booking("booking_created", 2, this_month, this_month - DAY, user=PEOPLE["ben"]),
        typed("checked_in", this_month, booking_id=2, user_id=457),
        _pass("membership", 3, 457),
        booking("booking_created", 3, now - 10 * DAY, now - 11 * DAY, user=PEOPLE["cara"]),
        typed("no_show", now - 10 * DAY, booking_id=3, user_id=458),
        booking("booking_created", 4, now - 20 * DAY, now - 21 * DAY, user=PEOPLE["cara"]),
        typed("no_show", now - 20 * DAY, booking_id=4, user_id=458),
        booking("booking_created", 5, now - 90 * DAY, now - 91 * DAY, user=PEOPLE["cara"]),
        typed("no_show", now - 90 * DAY, booking_id=5, user_id=458),
    ]
    for payload in payloads:
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    owner = staff_token("owner")
    ids = {item["name"]: item["id"] for item in client.get(f"{BASE}/clients", headers=owner).get_json()["items"]}
    assert (
        client.put(f"{BASE}/clients/{ids['Asha']}/tags", json={"tags": ["Regular"]}, headers=owner).status_code == 200
    )
    consent = {"marketing": True, "how": "form"}
    assert client.put(f"{BASE}/clients/{ids['Asha']}/consent", json=consent, headers=owner).status_code == 200
    return client


def _save(client, filters: dict, name: str = "s", role: str = "owner"):
    return client.post(f"{BASE}/segments", json={"name": name, "filters": filters}, headers=staff_token(role))


def _names(client, segment_id: int) -> list[str]:
    answer = client.get(f"{BASE}/clients", query_string={"segment": segment_id}, headers=staff_token("owner"))
    assert answer.status_code == 200, answer.get_json()
    return sorted(item["name"] for item in answer.get_json()["items"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"no_visit_in_days": 30}, ["Asha", "Cara"]),  # Cara never came
        ({"no_visit_in_days": 60}, ["Cara"]),
        ({"pack_credits_at_most": 1}, ["Asha"]),
        ({"pack_credits_at_most": 8}, ["Asha", "Ben"]),
        ({"first_visit_this_month": True}, ["Ben"]),
        ({"member": True}, ["Ben"]),
        ({"member": False}, ["Asha", "Cara"]),
        ({"tag": "regular"}, ["Asha"]),
        ({"no_shows": {"at_least": 2, "days": 60}}, ["Cara"]),
        ({"no_shows": {"at_least": 3, "days": 60}}, []),
        ({"no_shows": {"at_least": 3, "days": 100}}, ["Cara"]),
        ({"marketing_consent": True}, ["Asha"]),
        ({"marketing_consent": False}, ["Ben", "Cara"]),
        ({"no_visit_in_days": 30, "marketing_consent": True, "tag": "Regular"}, ["Asha"]),  # every key holds
        ({"member": True, "no_visit_in_days": 30}, []),
    ],
    ids=str,
)
def test_each_filter_gives_its_clients_and_its_count(studio, filters, expected):
    saved = _save(studio, filters)
    assert saved.status_code == 201, saved.get_json()

    assert saved.get_json()["count"] == len(expected)
    assert saved.get_json()["filters"] == filters
    assert _names(studio, saved.get_json()["id"]) == expected


def test_segments_are_listed_counted_changed_and_deleted(studio):
    owner = staff_token("owner")
    lapsed = _save(studio, {"no_visit_in_days": 30}, "Lapsed").get_json()
    members = _save(studio, {"member": True}, "Members").get_json()
    _save(studio, {"tag": "regular"}, "Theirs", role="owner")  # the same studio: listed too

    listed = studio.get(f"{BASE}/segments", headers=owner).get_json()["items"]
    assert [(s["name"], s["count"]) for s in listed] == [("Lapsed", 2), ("Members", 1), ("Theirs", 1)]

    changed = studio.patch(
        f"{BASE}/segments/{lapsed['id']}",
        json={"name": "Gone quiet", "filters": {"no_visit_in_days": 60}},
        headers=owner,
    )
    assert changed.status_code == 200
    assert (changed.get_json()["name"], changed.get_json()["count"]) == ("Gone quiet", 1)
    assert studio.get(f"{BASE}/segments/{lapsed['id']}", headers=owner).get_json()["count"] == 1

    assert studio.delete(f"{BASE}/segments/{members['id']}", headers=owner).status_code == 204
    gone = studio.get(f"{BASE}/segments/{members['id']}", headers=owner)
    assert gone.status_code == 404 and gone.get_json()["error"]["code"] == "segment_not_found"
    listing = studio.get(f"{BASE}/clients", query_string={"segment": members["id"]}, headers=owner)
    assert listing.status_code == 404


def test_another_studios_segment_is_not_found_here(studio):
    other = f"/api/studios/{OTHER_SLUG}/segments"
    theirs = studio.post(other, json={"name": "x", "filters": {"member": True}}, headers=staff_token("owner"))
    assert theirs.status_code == 201

    mine = studio.get(f"{BASE}/segments/{theirs.get_json()['id']}", headers=staff_token("owner"))
    listing = studio.get(
        f"{BASE}/clients", query_string={"segment": theirs.get_json()["id"]}, headers=staff_token("owner")
    )

    assert mine.status_code == 404 and listing.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "filters": {}}, "filters"),
        ({"name": "x"}, "filters"),
        ({"name": "", "filters": {"member": True}}, "name"),
        ({"name": "x", "filters": {"colour": "red"}}, "filters.colour"),
        ({"name": "x", "filters": {"no_visit_in_days": 0}}, "filters.no_visit_in_days"),
        ({"name": "x", "filters": {"no_visit_in_days": "a month"}}, "filters.no_visit_in_days"),
        ({"name": "x", "filters": {"pack_credits_at_most": -1}}, "filters.pack_credits_at_most"),
        ({"name": "x", "filters": {"first_visit_this_month": False}}, "filters.first_visit_this_month"),
        ({"name": "x", "filters": {"tag": "no/slash"}}, "filters.tag"),
        ({"name": "x", "filters": {"no_shows": {"at_least": 2}}}, "filters.no_shows.days"),
        ({"name": "x", "filters": {"no_shows": 2}}, "filters.no_shows"),
        ({"name": "x", "filters": {"marketing_consent": "yes please"}}, "filters.marketing_consent"),
    ],
    ids=str,
)
def test_a_bad_filter_is_a_400_naming_the_field(studio, body, field):
    answer = studio.post(f"{BASE}/segments", json=body, headers=staff_token("owner"))

    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error", error
    node = error["details"]  # nested as the body is: {"filters": {"no_shows": {"days": [...]}}}
    for part in field.split("."):
        assert isinstance(node, dict) and part in node, error
        node = node[part]


def test_every_preset_can_be_saved_as_it_is(studio):
    presets = studio.get(f"{BASE}/segments/presets", headers=staff_token("front_desk")).get_json()["items"]

    assert {p["key"] for p in presets} >= {"lapsed", "pack_running_out", "new_this_month", "members", "no_shows"}
    for preset in presets:
        assert _save(studio, preset["filters"], preset["name"], role="front_desk").status_code == 201


def test_instructors_have_no_segments(studio):
    saved = _save(studio, {"member": True}).get_json()
    instructor = staff_token("instructor")

    for method, path in (("GET", "/segments"), ("GET", "/segments/presets"), ("GET", f"/segments/{saved['id']}")):
        assert studio.open(f"{BASE}{path}", method=method, headers=instructor).status_code == 403
    listing = studio.get(f"{BASE}/clients", query_string={"segment": saved["id"]}, headers=instructor)
    assert listing.status_code == 403
    assert listing.get_json()["error"]["details"]["permission"] == "clients.view"


def test_this_month_is_the_studios_calendar_month(app):
    """At 11:30 on 1 December in Kolkata (06:00 UTC), a first visit at 00:30 that day is this month's there, though
    still November in UTC; one at 23:30 on 30 November is not. A zone it does not know counts in UTC."""
    client = app.test_client()
    firsts = {
        "after": dt.datetime(2026, 11, 30, 19, 0, tzinfo=dt.UTC),
        "before": dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC),
    }
    for n, (name, starts) in enumerate(firsts.items(), start=1):
        person = {"id": 600 + n, "name": name, "email": f"{name}@example.com"}
        for payload in (
            booking("booking_created", 60 + n, starts, starts - DAY, user=person),
            typed("checked_in", starts, booking_id=60 + n, user_id=600 + n),
        ):
            assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    now = dt.datetime(2026, 12, 1, 6, 0, tzinfo=dt.UTC)

    def new_this_month(zone: str) -> list[str]:
        with app.app_context():
            only = conditions(STUDIO, {"first_visit_this_month": True}, now, zone)
            return sorted(db.session.scalars(sa.select(Client.name).where(Client.studio_id == STUDIO, *only)))

    assert new_this_month("Asia/Kolkata") == ["after"]
    assert new_this_month("UTC") == new_this_month("Nowhere/Atlantis") == []
    assert month_start(now, "Asia/Kolkata") == dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.UTC)


def test_the_claims_time_zone_reaches_the_segments_count(studio):
    """The token's client_book entry names the studio's zone: a known one and a bogus one both count (no 500)."""
    for zone in ("Asia/Kolkata", "../../etc/passwd"):
        token = staff_token(
            None, studios=[{"id": STUDIO, "slug": SLUG, "timezone": zone, "permissions": ["clients.view"]}]
        )
        answer = studio.get(f"{BASE}/segments", headers=token)
        assert answer.status_code == 200, answer.get_json()
