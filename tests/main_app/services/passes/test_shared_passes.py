"""Shareable passes: a pass sold of a product the studio marks shareable books seats for anyone in its buyer's family
(their children, the other guardian), within its one set of credits and its weekly limit, and its ledger names whose
seat each credit paid; a pass not marked so stays its holder's own, and no other family's member ever reaches it."""

from datetime import timedelta

import pytest
from pass_shop import MEMBERSHIP, book, bought_pass
from racing import race

from main_app.extensions import db
from main_app.models import Pass, PassLedgerEntry, utcnow

PRICE = 120_000


@pytest.fixture
def family(user, user_client, make_user, client_for, add_child, join_family):
    """The user's family: two children and a second guardian (their account and client)."""
    children = [add_child(user_client, name="Asha"), add_child(user_client, name="Ravi", date_of_birth="2016-01-09")]
    other = make_user(name="Meera Guardian")
    join_family(user, other)
    return children, other, client_for(other)


def test_a_shareable_pack_books_the_children_and_the_other_guardian_and_its_ledger_names_each(
    put_on_sale, buy, user, user_client, make_session, family
):
    children, _other, other_client = family
    pack = bought_pass(put_on_sale, buy, user_client, shareable=True)
    assert pack["shareable"] and pack["holder"] is None
    shared = other_client.get("/me/passes").get_json()["items"]
    assert [(p["id"], p["holder"]) for p in shared] == [(pack["id"], {"id": user.id, "name": user.name})]
    sessions = [make_session(price=PRICE) for _ in range(3)]
    for session, child in zip(sessions, children, strict=False):
        answer = book(user_client, session.id, pack["id"], dependent_id=child["id"])
        assert answer.status_code == 201, answer.get_json()
    answer = book(other_client, sessions[2].id, pack["id"])
    assert answer.status_code == 201, answer.get_json()
    assert user_client.get("/me/passes").get_json()["items"][0]["credits_left"] == 2
    entries = other_client.get(f"/me/passes/{pack['id']}/ledger").get_json()["items"]
    assert [(e["kind"], e["credits"], e["used_by"] and e["used_by"]["name"]) for e in entries] == [
        ("purchase", 5, None),
        ("spend", -1, "Asha"),
        ("spend", -1, "Ravi"),
        ("spend", -1, "Meera Guardian"),
    ]
    assert entries[1]["used_by"] == {"user_id": user.id, "dependent_id": children[0]["id"], "name": "Asha"}


def test_a_pass_not_shareable_stays_its_holders_own(
    app, put_on_sale, buy, user_client, make_session, family, assert_error
):
    children, _other, other_client = family
    pack = bought_pass(put_on_sale, buy, user_client)
    session = make_session(price=PRICE)
    assert_error(book(user_client, session.id, pack["id"], dependent_id=children[0]["id"]), 409, "pass_not_shareable")
    assert_error(book(other_client, session.id, pack["id"]), 404, "pass_not_found")
    assert other_client.get("/me/passes").get_json()["items"] == []
    assert_error(other_client.get(f"/me/passes/{pack['id']}/ledger"), 404, "pass_not_found")
    assert book(user_client, session.id, pack["id"]).status_code == 201  # the holder's own seat
    with app.app_context():
        assert db.session.get(Pass, pack["id"]).credits_left == 4


def test_another_familys_member_never_reaches_a_shareable_pass(
    put_on_sale, buy, user_client, make_user, client_for, make_session, add_child, assert_error
):
    pack = bought_pass(put_on_sale, buy, user_client, shareable=True)
    stranger = client_for(make_user(name="Another parent"))
    their_child = add_child(stranger, name="Kabir")
    session = make_session(price=PRICE)
    assert_error(book(stranger, session.id, pack["id"]), 404, "pass_not_found")
    assert_error(book(stranger, session.id, pack["id"], dependent_id=their_child["id"]), 404, "pass_not_found")
    assert_error(stranger.get(f"/me/passes/{pack['id']}/ledger"), 404, "pass_not_found")


def test_a_shared_memberships_weekly_limit_counts_the_whole_family(
    put_on_sale, buy, user_client, make_event, family, assert_error
):
    children, _other, other_client = family
    member = bought_pass(put_on_sale, buy, user_client, MEMBERSHIP, sessions_per_week=2, shareable=True)
    monday = (utcnow() + timedelta(days=14 - utcnow().weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    week = make_event(price=PRICE, at=monday, sessions=3, every=timedelta(days=1))
    assert book(user_client, week.session_ids[0], member["id"], dependent_id=children[0]["id"]).status_code == 201
    assert book(other_client, week.session_ids[1], member["id"]).status_code == 201
    error = assert_error(book(user_client, week.session_ids[2], member["id"]), 409, "weekly_limit_reached")
    assert error["details"] == {"sessions_per_week": 2, "used": 2}


@pytest.mark.both_databases
def test_two_family_members_taking_a_shared_packs_last_credit_at_once_spend_it_once(
    app, put_on_sale, buy, user_client, make_session, family, seats
):
    children, _other, other_client = family
    pack = bought_pass(put_on_sale, buy, user_client, credits=1, shareable=True)
    first, second = make_session(price=PRICE), make_session(price=PRICE)
    answers = race(
        [
            lambda: book(user_client, first.id, pack["id"], dependent_id=children[0]["id"]),
            lambda: book(other_client, second.id, pack["id"]),
        ]
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201, 409], [answer.get_json() for answer in answers]
    refused = next(answer for answer in answers if answer.status_code == 409).get_json()["error"]["code"]
    assert refused == "no_credits_left"
    assert seats(first.id)[1] + seats(second.id)[1] == 1  # one seat taken, with the one credit
    with app.app_context():
        assert db.session.get(Pass, pack["id"]).credits_left == 0
        spends = db.session.scalars(
            db.select(PassLedgerEntry.credits).where(
                PassLedgerEntry.pass_id == pack["id"], PassLedgerEntry.kind == "spend"
            )
        ).all()
        assert spends == [-1]


def test_a_child_waits_with_the_familys_shared_pack_and_its_seat_spends_the_held_credit(
    app, put_on_sale, buy, user_client, make_user, client_for, make_session, family, assert_error
):
    children, _other, other_client = family
    pack = bought_pass(put_on_sale, buy, user_client, shareable=True)
    own = bought_pass(put_on_sale, buy, other_client)  # the second guardian's own pack: not for a child
    session = make_session(price=PRICE, capacity=1)
    holder = client_for(make_user(name="Seat holder"))
    held = book(holder, session.id, bought_pass(put_on_sale, buy, holder)["id"])
    assert held.status_code == 201, held.get_json()
    line = f"/sessions/{session.id}/waitlist"
    asha = {"dependent_id": children[0]["id"]}
    assert_error(other_client.post(line, json={**asha, "pass_id": own["id"]}), 409, "pass_not_shareable")
    assert other_client.post(line, json={**asha, "pass_id": pack["id"]}).status_code == 201
    assert user_client.get("/me/passes").get_json()["items"][0]["credits_left"] == 4  # held for the place
    assert holder.post(f"/bookings/{held.get_json()['id']}/cancel").status_code == 200
    [seat] = other_client.get("/bookings").get_json()["items"]
    assert (seat["status"], seat["for"]["id"], seat["pass_id"]) == ("active", children[0]["id"], pack["id"])
    entries = user_client.get(f"/me/passes/{pack['id']}/ledger").get_json()["items"]
    assert [(e["kind"], e["credits"]) for e in entries] == [
        ("purchase", 5),
        ("hold", -1),
        ("release", 1),
        ("spend", -1),
    ]
    assert entries[-1]["used_by"]["name"] == "Asha"
    with app.app_context():
        assert db.session.get(Pass, pack["id"]).credits_left == 4
