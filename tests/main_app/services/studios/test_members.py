"""A studio's members: the list, role changes and removals within what each role may do, and a studio that always
keeps an owner, however changes race (SQLite and PostgreSQL)."""

from itertools import pairwise

import pytest
from racing import race


def test_members_are_listed_owners_first_with_their_roles(team):
    members = team.clients["manager"].get(f"/api/studios/{team.slug}/members").get_json()["items"]
    assert [m["role"] for m in members] == ["owner", "manager", "instructor", "front_desk"]
    assert {m["user_id"] for m in members} == {a.id for a in team.accounts.values()}


def test_a_manager_moves_staff_between_instructor_and_front_desk_only(team, roles_in, assert_error):
    manager, instructor = team.clients["manager"], team.accounts["instructor"]
    moved = manager.patch(f"/api/studios/{team.slug}/members/{instructor.id}", json={"role": "front_desk"})
    assert moved.status_code == 200 and moved.get_json() == {"user_id": instructor.id, "role": "front_desk"}
    promote = manager.patch(f"/api/studios/{team.slug}/members/{instructor.id}", json={"role": "manager"})
    assert_error(promote, 403, "forbidden")
    demote_owner = manager.patch(
        f"/api/studios/{team.slug}/members/{team.accounts['owner'].id}", json={"role": "instructor"}
    )
    assert_error(demote_owner, 403, "forbidden")
    assert_error(manager.delete(f"/api/studios/{team.slug}/members/{team.accounts['owner'].id}"), 403, "forbidden")
    assert roles_in(team.id)[instructor.id] == "front_desk"


def test_the_last_owner_can_be_neither_demoted_nor_removed(team, add_member, make_user, roles_in, assert_error):
    owner = team.clients["owner"]
    me = team.accounts["owner"].id
    assert_error(owner.patch(f"/api/studios/{team.slug}/members/{me}", json={"role": "manager"}), 409, "last_owner")
    assert_error(owner.delete(f"/api/studios/{team.slug}/members/{me}"), 409, "last_owner")
    second = make_user(name="Second Owner")
    add_member(team.id, second, "owner")
    assert owner.delete(f"/api/studios/{team.slug}/members/{me}").status_code == 204
    assert me not in roles_in(team.id)


def test_removing_and_changing_someone_not_a_member_is_a_404(team, make_team, assert_error):
    other = make_team("Other Studio")
    stranger = other.accounts["instructor"].id
    owner = team.clients["owner"]
    assert_error(owner.delete(f"/api/studios/{team.slug}/members/{stranger}"), 404, "member_not_found")
    refused = owner.patch(f"/api/studios/{team.slug}/members/{stranger}", json={"role": "manager"})
    assert_error(refused, 404, "member_not_found")
    assert_error(
        owner.patch(f"/api/studios/{team.slug}/members/1", json={"role": "chef"}), 400, "validation_error", "role"
    )


@pytest.mark.both_databases
def test_two_owners_removing_each_other_at_once_leave_one(team, make_user, client_for, add_member, roles_in):
    second = make_user(name="Second Owner")
    add_member(team.id, second, "owner")
    first = team.accounts["owner"]
    answers = race(
        [
            lambda: team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{second.id}").status_code,
            lambda: client_for(second).delete(f"/api/studios/{team.slug}/members/{first.id}").status_code,
        ]
    )
    assert sorted(answers) == [204, 404] or sorted(answers) == [204, 409]
    owners = [user for user, role in roles_in(team.id).items() if role == "owner"]
    assert len(owners) == 1


@pytest.mark.both_databases
def test_two_managers_changing_one_role_at_once_both_land_in_turn(team, make_user, client_for, add_member, roles_in):
    other_manager = make_user(name="Other Manager")
    add_member(team.id, other_manager, "manager")
    target = team.accounts["instructor"].id
    path = f"/api/studios/{team.slug}/members/{target}"
    calls = [
        lambda: team.clients["manager"].patch(path, json={"role": "front_desk"}).status_code,
        lambda: client_for(other_manager).patch(path, json={"role": "front_desk"}).status_code,
    ]
    assert race(calls) == [200, 200]
    entries = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=member.role_changed").get_json()["items"]
    # Each change saw the other's result: one moved instructor -> front_desk, the other found it done and wrote none.
    assert [(e["before"], e["after"]) for e in entries] == [({"role": "instructor"}, {"role": "front_desk"})]
    assert roles_in(team.id)[target] == "front_desk"


@pytest.mark.both_databases
def test_two_managers_giving_one_member_different_roles_leave_a_true_audit_chain(
    team, make_user, client_for, add_member, roles_in
):
    other_manager = make_user(name="Other Manager")
    add_member(team.id, other_manager, "manager")
    target = team.accounts["front_desk"].id
    path = f"/api/studios/{team.slug}/members/{target}"
    for _ in range(3):
        calls = [
            lambda: team.clients["manager"].patch(path, json={"role": "instructor"}).status_code,
            lambda: client_for(other_manager).patch(path, json={"role": "front_desk"}).status_code,
        ]
        assert race(calls) == [200, 200]
    entries = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=member.role_changed").get_json()["items"]
    chain = [(e["before"]["role"], e["after"]["role"]) for e in reversed(entries)]
    # Every change starts from where the one before it ended, and the last one is the member's role now.
    assert all(before == after for (_, after), (before, _) in pairwise(chain))
    assert chain[0][0] == "front_desk" and chain[-1][1] == roles_in(team.id)[target]
