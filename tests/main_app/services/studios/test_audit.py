"""The audit log: member, role and settings changes each write one entry in their transaction (none when the change
fails), read by owners and managers with filters by person, kind and dates, a page at a time."""

from datetime import timedelta

from main_app.models import utcnow


def _audit(client, slug, query=""):
    answer = client.get(f"/api/studios/{slug}/audit{query}")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_changes_are_logged_with_who_what_and_from_where(team):
    owner, manager = team.clients["owner"], team.clients["manager"]
    instructor = team.accounts["instructor"].id
    manager.patch(f"/api/studios/{team.slug}/members/{instructor}", json={"role": "front_desk"})
    owner.delete(f"/api/studios/{team.slug}/members/{instructor}")
    owner.patch(f"/api/studios/{team.slug}/members/{team.accounts['owner'].id}", json={"role": "manager"})  # 409
    log = _audit(owner, team.slug)
    kinds = [entry["action"] for entry in log["items"]]
    assert kinds == ["member.removed", "member.role_changed", "studio.created"]
    removed, changed = log["items"][0], log["items"][1]
    assert (removed["actor_role"], removed["object_type"], removed["object_id"]) == ("owner", "user", instructor)
    assert removed["before"] == {"role": "front_desk"} and removed["after"] is None
    assert changed["actor_id"] == team.accounts["manager"].id and changed["actor_role"] == "manager"
    assert changed["remote_addr"] == "127.0.0.1"


def test_the_log_filters_by_person_kind_and_dates_and_pages(team):
    owner, manager = team.clients["owner"], team.clients["manager"]
    target = team.accounts["front_desk"].id
    for role in ("instructor", "front_desk", "instructor"):
        manager.patch(f"/api/studios/{team.slug}/members/{target}", json={"role": role})
    by_manager = _audit(owner, team.slug, f"?person={team.accounts['manager'].id}")
    assert by_manager["total"] == 3
    assert _audit(owner, team.slug, "?kind=studio.created")["total"] == 1
    page = _audit(owner, team.slug, "?per_page=2&page=2")
    assert (page["total"], page["pages"], len(page["items"])) == (4, 2, 2)
    later = (utcnow() + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert _audit(owner, team.slug, f"?since={later}")["total"] == 0
    assert _audit(owner, team.slug, f"?until={later}")["total"] == 4


def test_bad_filters_are_a_400(team, assert_error):
    owner = team.clients["owner"]
    assert_error(owner.get(f"/api/studios/{team.slug}/audit?since=yesterday"), 400, "validation_error", "since")
    assert_error(owner.get(f"/api/studios/{team.slug}/audit?per_page=1000"), 400, "validation_error", "per_page")
