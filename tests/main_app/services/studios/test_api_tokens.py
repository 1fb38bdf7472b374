"""A studio's API tokens: made by an owner and shown once, kept hashed, acting as their maker within their permissions
and never beyond the maker's role today, audited as a token, refused at once when revoked or expired or their maker
has left, and never a person's token (the route matrix of tokens: test_permissions.py)."""

import hashlib
from datetime import timedelta

from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import AuditEntry, StudioMember, StudioToken, utcnow


def _make(team, permissions, **extra):
    return team.clients["owner"].post(
        f"/api/studios/{team.slug}/tokens", json={"name": "Accounting", "permissions": permissions, **extra}
    )


def _bearer(app, token: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _row(app, token_id: int) -> StudioToken:
    with app.app_context():
        return db.session.get(StudioToken, token_id)


def test_a_token_is_shown_once_and_kept_only_as_a_hash(app, team):
    made = _make(team, ["reports.view", "clients.view"])
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    token = body["token"]
    assert token.startswith(body["prefix"] + "_") and len(token) > 50
    assert body["permissions"] == ["clients.view", "reports.view"] and body["made_by"] is None
    assert body["expires_at"] is not None and body["last_used_at"] is None
    listed = team.clients["owner"].get(f"/api/studios/{team.slug}/tokens").get_json()
    assert [one["id"] for one in listed["items"]] == [body["id"]]
    assert "token" not in listed["items"][0] and listed["items"][0]["made_by"] == team.accounts["owner"].name
    assert "studio.tokens" not in listed["grantable"] and "reports.view" in listed["grantable"]
    row = _row(app, body["id"])
    secret = token.removeprefix(body["prefix"] + "_")
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(row.__dict__)


def test_bad_bodies_are_refused_and_make_nothing(app, team, assert_error):
    for body in (
        {"name": "", "permissions": ["reports.view"]},
        {"name": "Tool", "permissions": []},
        {"name": "Tool", "permissions": ["studio.tokens"]},
        {"name": "Tool", "permissions": ["studio.delete"]},
        {"name": "Tool", "permissions": ["no.such"]},
        {"name": "Tool", "permissions": ["reports.view"], "expires_in_days": 0},
        {"name": "x" * 101, "permissions": ["reports.view"]},
    ):
        assert_error(team.clients["owner"].post(f"/api/studios/{team.slug}/tokens", json=body), 400, "validation_error")
    with app.app_context():
        assert db.session.scalars(select(StudioToken)).all() == []


def test_a_token_acts_as_its_maker_and_the_audit_log_says_it_was_a_token(app, team):
    client = _bearer(app, _make(team, ["studio.settings", "studio.view"]).get_json()["token"])
    changed = client.patch(f"/api/studios/{team.slug}", json={"contact_phone": "+91 98123 45678"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["my_permissions"] == ["studio.view", "studio.settings"]
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "studio.settings_changed")).one()
        made = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_token.created")).one()
    assert (entry.actor_id, entry.actor_role) == (team.accounts["owner"].id, "api_token")
    assert made.actor_role == "owner" and made.after["permissions"] == ["studio.settings", "studio.view"]


def test_a_token_never_does_more_than_its_makers_role_does_today(
    app, team, add_member, make_user, client_for, assert_error
):
    second = make_user(name="Second Owner")
    add_member(team.id, second, "owner")
    client = _bearer(app, _make(team, ["studio.settings", "reports.view"]).get_json()["token"])
    owner_id = team.accounts["owner"].id
    demoted = client_for(second).patch(f"/api/studios/{team.slug}/members/{owner_id}", json={"role": "manager"})
    assert demoted.status_code == 200, demoted.get_json()
    refused = client.patch(f"/api/studios/{team.slug}", json={"contact_phone": "+91 98123 45678"})
    assert_error(refused, 403, "forbidden")
    assert client.get(f"/api/studios/{team.slug}/reports/revenue").status_code != 403
    with app.app_context(), unit_of_work():
        db.session.execute(StudioMember.__table__.delete().where(StudioMember.user_id == owner_id))
    assert_error(client.get(f"/api/studios/{team.slug}/reports/revenue"), 401, "api_token_invalid")


def test_an_expired_token_a_wrong_secret_and_a_person_route_answer_401(app, team, assert_error):
    body = _make(team, ["reports.view"], expires_in_days=1).get_json()
    client = _bearer(app, body["token"])
    assert client.get(f"/api/studios/{team.slug}/reports/revenue").status_code == 200
    assert_error(client.get("/auth/me"), 401, "invalid_token")
    assert_error(_bearer(app, body["prefix"] + "_guessed").get(f"/api/studios/{team.slug}"), 401, "api_token_invalid")
    with app.app_context(), unit_of_work():
        db.session.get(StudioToken, body["id"]).expires_at = utcnow() - timedelta(seconds=1)
    assert_error(client.get(f"/api/studios/{team.slug}/reports/revenue"), 401, "api_token_invalid")


def test_last_use_is_kept_to_the_minute_without_a_write_on_every_call(app, team):
    body = _make(team, ["reports.view"]).get_json()
    client = _bearer(app, body["token"])
    assert client.get(f"/api/studios/{team.slug}/reports/revenue").status_code == 200
    first = _row(app, body["id"]).last_used_at
    assert first is not None
    assert client.get(f"/api/studios/{team.slug}/reports/revenue").status_code == 200
    assert _row(app, body["id"]).last_used_at == first
    with app.app_context(), unit_of_work():
        db.session.get(StudioToken, body["id"]).last_used_at = first - timedelta(minutes=2)
    assert client.get(f"/api/studios/{team.slug}/reports/revenue").status_code == 200
    assert _row(app, body["id"]).last_used_at > first - timedelta(minutes=2)


def test_revoking_is_audited_once_and_another_studios_token_is_not_found(app, make_team, assert_error):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    token_id = _make(theirs, ["reports.view"]).get_json()["id"]
    assert_error(
        mine.clients["owner"].delete(f"/api/studios/{mine.slug}/tokens/{token_id}"), 404, "api_token_not_found"
    )
    for _ in range(2):
        assert theirs.clients["owner"].delete(f"/api/studios/{theirs.slug}/tokens/{token_id}").status_code == 204
    assert _row(app, token_id).revoked_at is not None
    with app.app_context():
        revoked = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_token.revoked")).all()
    assert len(revoked) == 1 and revoked[0].studio_id == theirs.id
