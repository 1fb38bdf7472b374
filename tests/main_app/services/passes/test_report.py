"""A facilitator's figures of their passes (sold, active members, credits outstanding, code uses) and the CSV of
each pass sold; only their own, only to them."""

import csv
import io
from datetime import timedelta

from pass_shop import MEMBERSHIP

from main_app.models import ROLE_FACILITATOR


def test_the_figures_count_what_was_sold_and_what_is_left(
    put_on_sale, buy, user_client, make_user, client_for, facilitator_client, facilitator, make_session
):
    pack, membership = put_on_sale(), put_on_sale(MEMBERSHIP)
    buy(user_client, pack["id"])
    other = client_for(make_user(name="Ravi", email="ravi@example.com", username="ravi"))
    buy(other, membership["id"])
    buy(other, pack["id"], action="decline")  # declined: not sold
    code = {"code": "HALF", "percent_off": 50}
    facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json=code)
    buy(other, put_on_sale(price=0)["id"])  # a free pack: sold
    pass_id = user_client.get("/me/passes").get_json()["items"][0]["id"]
    session = make_session(price=90_000, starts_in=timedelta(days=2))
    user_client.post("/book", json={"session_id": session.id, "pass_id": pass_id})
    figures = facilitator_client.get(f"/api/facilitator/{facilitator.id}/passes/summary").get_json()
    assert figures == {"passes_sold": 3, "active_members": 1, "credits_outstanding": 4 + 5, "code_uses": 0}


def test_the_csv_lists_each_pass_sold_safely(put_on_sale, buy, make_user, client_for, facilitator_client, facilitator):
    person = make_user(name="=HYPERLINK(1)", email="eve@example.com", username="eve")
    buy(client_for(person), put_on_sale()["id"])
    answer = facilitator_client.get(f"/api/facilitator/{facilitator.id}/passes/sold.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0][:6] == ["pass_id", "name", "email", "pass", "kind", "status"]
    assert rows[1][1:8] == ["'=HYPERLINK(1)", "eve@example.com", "5-class pack", "pack", "active", "5", "5"]
    assert rows[0][8:10] == ["price", "currency"] and rows[1][8].endswith(".00")  # rupees, not paise
    # Times as spreadsheets read them, the zone named: UTC on the seed's routes (their passes span studios).
    assert rows[0][10:12] == ["bought_at (UTC)", "valid_until (UTC)"]
    assert len(rows[1][10]) == len("2026-11-29 11:16:00") and "T" not in rows[1][10]


def test_another_facilitators_figures_are_not_theirs(make_user, client_for, facilitator, assert_error):
    other = client_for(make_user(role=ROLE_FACILITATOR, name="Other", email="o@example.com", username="other"))
    assert_error(other.get(f"/api/facilitator/{facilitator.id}/passes/summary"), 403, "forbidden")
    assert_error(other.get(f"/api/facilitator/{facilitator.id}/passes/sold.csv"), 403, "forbidden")
