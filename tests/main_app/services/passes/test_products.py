"""Pass products: a facilitator puts class packs and memberships on sale for all their events or some, edits them
for the sales to come, retires them; the public list shows what is on sale, by facilitator or by event."""

import pytest

from main_app.models import ROLE_FACILITATOR

PACK = {"name": "10-class pack", "kind": "pack", "credits": 10, "valid_days": 90, "price": 600_000, "currency": "INR"}
MEMBERSHIP = {"name": "Unlimited monthly", "kind": "membership", "period": "month", "price": 450_000}


@pytest.fixture
def base(facilitator) -> str:
    return f"/api/facilitator/{facilitator.id}/passes"


def made(response) -> dict:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_pack_and_a_membership_go_on_sale(facilitator_client, base, facilitator, client):
    pack = made(facilitator_client.post(base, json=PACK))
    assert {k: pack[k] for k in PACK} == PACK
    assert (pack["status"], pack["event_ids"], pack["period"], pack["new_customers_only"]) == (
        "on_sale",
        None,
        None,
        False,
    )
    membership = made(facilitator_client.post(base, json={**MEMBERSHIP, "sessions_per_week": 3}))
    assert (membership["credits"], membership["sessions_per_week"], membership["currency"]) == (None, 3, "INR")
    mine = facilitator_client.get(base).get_json()["items"]
    assert [p["id"] for p in mine] == [membership["id"], pack["id"]]  # newest first
    public = client.get("/passes", query_string={"facilitator_id": facilitator.id}).get_json()["items"]
    assert [p["id"] for p in public] == [pack["id"], membership["id"]]


def test_a_pass_for_some_events_is_listed_on_those_only(facilitator_client, base, make_event, client):
    flow, yin = make_event(title="Flow"), make_event(title="Yin")
    some = made(facilitator_client.post(base, json={**PACK, "event_ids": [yin.id]}))
    every = made(facilitator_client.post(base, json=MEMBERSHIP))
    assert some["event_ids"] == [yin.id]
    on_flow = client.get("/passes", query_string={"event_id": flow.id}).get_json()["items"]
    on_yin = client.get("/passes", query_string={"event_id": yin.id}).get_json()["items"]
    assert [p["id"] for p in on_flow] == [every["id"]]
    assert [p["id"] for p in on_yin] == [some["id"], every["id"]]


def test_another_facilitators_event_is_refused_by_name(
    facilitator_client, base, make_event, make_user, db_rows, assert_error
):
    other = make_user(role=ROLE_FACILITATOR, name="Other", email="other@example.com", username="other")
    theirs = make_event(facilitator_id=other.id)
    before = db_rows()
    error = assert_error(
        facilitator_client.post(base, json={**PACK, "event_ids": [theirs.id, 999_999]}),
        400,
        "validation_error",
        "event_ids",
    )
    assert str(theirs.id) in error["message"] and "999999" in error["message"]
    assert db_rows() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({**PACK, "credits": None}, "credits"),
        ({k: v for k, v in PACK.items() if k != "valid_days"}, "valid_days"),
        ({**PACK, "period": "month"}, "period"),
        ({**MEMBERSHIP, "credits": 5}, "credits"),
        ({k: v for k, v in MEMBERSHIP.items() if k != "period"}, "period"),
        ({**MEMBERSHIP, "period": "fortnight"}, "period"),
        ({**PACK, "kind": "voucher"}, "kind"),
        ({**PACK, "price": -1}, "price"),
        ({**PACK, "price": "600"}, "price"),
        ({**PACK, "currency": "XYZ"}, "currency"),
        ({**PACK, "name": ""}, "name"),
        ({k: v for k, v in PACK.items() if k != "price"}, "price"),
        ({**PACK, "credits": 0}, "credits"),
        ({**PACK, "event_ids": ["1"]}, "event_ids"),
    ],
)
def test_bad_terms_are_400_naming_the_field_and_write_nothing(
    facilitator_client, base, db_rows, assert_error, body, field
):
    before = db_rows()
    assert_error(facilitator_client.post(base, json=body), 400, "validation_error", field)
    assert db_rows() == before


def test_an_edit_changes_the_sales_to_come_and_keeps_the_kind(facilitator_client, base, make_event, assert_error):
    pack = made(facilitator_client.post(base, json=PACK))
    event = make_event()
    changed = facilitator_client.patch(f"{base}/{pack['id']}", json={"price": 550_000, "event_ids": [event.id]})
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["price"], changed.get_json()["event_ids"]) == (550_000, [event.id])
    back = facilitator_client.patch(f"{base}/{pack['id']}", json={"event_ids": None}).get_json()
    assert back["event_ids"] is None
    assert_error(
        facilitator_client.patch(f"{base}/{pack['id']}", json={"period": "month"}), 400, "validation_error", "period"
    )
    assert_error(facilitator_client.patch(f"{base}/{pack['id']}", json={}), 400, "validation_error")
    assert_error(
        facilitator_client.patch(f"{base}/{pack['id']}", json={"credits": None}), 400, "validation_error", "credits"
    )


def test_a_retired_pass_is_no_longer_sold_nor_edited(facilitator_client, base, facilitator, client, assert_error):
    pack = made(facilitator_client.post(base, json=PACK))
    retired = facilitator_client.post(f"{base}/{pack['id']}/retire")
    assert retired.status_code == 200 and retired.get_json()["status"] == "retired" and retired.get_json()["retired_at"]
    assert client.get("/passes", query_string={"facilitator_id": facilitator.id}).get_json()["items"] == []
    assert [p["status"] for p in facilitator_client.get(base).get_json()["items"]] == ["retired"]
    assert_error(facilitator_client.post(f"{base}/{pack['id']}/retire"), 409, "pass_retired")
    assert_error(facilitator_client.patch(f"{base}/{pack['id']}", json={"price": 1}), 409, "pass_retired")


def test_only_the_facilitator_manages_their_passes(
    facilitator_client, base, make_user, client_for, user_client, assert_error
):
    pack = made(facilitator_client.post(base, json=PACK))
    account = make_user(role=ROLE_FACILITATOR, name="Other", email="o@example.com", username="o")
    other = client_for(account)
    assert_error(other.post(base, json=PACK), 403, "forbidden")
    assert_error(other.patch(f"{base}/{pack['id']}", json={"price": 1}), 403, "forbidden")
    assert_error(user_client.post(f"{base}/{pack['id']}/retire"), 403, "forbidden")
    # Through their own path, someone else's pass is not there at all.
    theirs = f"/api/facilitator/{account.id}/passes/{pack['id']}"
    assert_error(other.patch(theirs, json={"price": 1}), 404, "pass_not_found")
    assert_error(other.post(f"{theirs}/retire"), 404, "pass_not_found")
    assert other.get(f"/api/facilitator/{account.id}/passes").get_json()["items"] == []
