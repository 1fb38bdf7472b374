"""Invitations: emailed with a signed link, accepted once, within seven days, by the invited account only; expired,
reused, revoked, another account's and a removed member's links refused with their own codes; bounded a day."""

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import update

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import StudioInvitation, utcnow
from main_app.services.emails.compose import compose
from main_app.services.studios import complete_invitation, links

pytestmark = pytest.mark.both_databases

MEERA = "meera@example.com"


@pytest.fixture
def meera(make_user):
    return make_user(name="Meera Iyer", email=MEERA)


@pytest.fixture
def meera_client(client_for, meera):
    return client_for(meera)


def invite(team, email=MEERA, role="instructor", by="owner"):
    return team.clients[by].post(f"/api/studios/{team.slug}/invitations", json={"email": email, "role": role})


def accept(client, token):
    return client.post(f"/api/invitations/{token}/accept")


def test_an_invitation_is_emailed_with_a_link_and_accepted_once(
    team, meera, meera_client, email_outbox, link_token, roles_in, assert_error, app
):
    made = invite(team, email="Meera@Example.com")
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["email"] == MEERA and made.get_json()["role"] == "instructor"
    [mail] = [m for m in email_outbox() if m["type"] == "studio_invitation"]
    snapshot = mail["payload"]["snapshot"]
    assert "accept_url" not in snapshot  # signed as it goes, never stored
    token = link_token(MEERA)
    assert "." not in token  # it ends the web app's path /invitations/<token>: a dot would read as a file name
    with app.test_request_context():
        sent = complete_invitation(snapshot)
        built = compose(
            "studio_invitation", sent, outbox_id="0" * 32, sender="a@b.c", web_url="http://w", stamp=utcnow()
        )
    assert built["Subject"] == "You're invited to join Lotus Yoga on Sessions & Retreats"
    text = message_from_bytes(built.as_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert f"/invitations/{token}" in text and "Lotus Yoga" in text and "an instructor" in text
    joined = accept(meera_client, token)
    assert joined.status_code == 200, joined.get_json()
    assert joined.get_json() == {
        "studio": {"id": team.id, "slug": team.slug, "name": "Lotus Yoga"},
        "role": "instructor",
    }
    assert roles_in(team.id)[meera.id] == "instructor"
    assert_error(accept(meera_client, token), 409, "invitation_used")
    with app.test_request_context():
        assert complete_invitation(snapshot) == "the invitation is no longer open"
    mine = meera_client.get("/api/studios").get_json()["items"]
    assert [(s["slug"], s["my_role"]) for s in mine] == [(team.slug, "instructor")]


def test_its_page_names_the_studio_the_role_who_invited_and_the_address_before_signing_in(
    team, client, meera_client, link_token, assert_error
):
    invite(team, by="manager")
    token = link_token(MEERA)
    shown = client.get(f"/api/invitations/{token}")
    assert shown.status_code == 200, shown.get_json()
    body = shown.get_json()
    inviter = team.accounts["manager"].name
    assert {key: body[key] for key in ("studio", "role", "email", "invited_by")} == {
        "studio": {"name": "Lotus Yoga"},
        "role": "instructor",
        "email": MEERA,
        "invited_by": {"name": inviter},
    }
    assert_error(client.get(f"/api/invitations/{token[:-2]}xx"), 404, "invitation_not_found")
    assert accept(meera_client, token).status_code == 200
    assert_error(client.get(f"/api/invitations/{token}"), 409, "invitation_used")


def test_another_account_cannot_accept_it(team, meera, user_client, link_token, assert_error):
    invite(team)
    assert_error(accept(user_client, link_token(MEERA)), 403, "invitation_for_another_account")


def test_an_expired_invitation_is_a_410(team, meera_client, link_token, assert_error, app, monkeypatch):
    invite(team)
    token = link_token(MEERA)
    with app.app_context(), unit_of_work():
        db.session.execute(update(StudioInvitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert_error(accept(meera_client, token), 410, "invitation_expired")
    monkeypatch.setattr(links, "INVITATION_SECONDS", -1)  # the signature's own age: older than seven days
    assert_error(accept(meera_client, token), 410, "invitation_expired")


def test_a_newer_invitation_revokes_the_earlier_link(team, meera_client, link_token, roles_in, assert_error, meera):
    invite(team, role="front_desk")
    earlier = link_token(MEERA)
    invite(team, role="instructor")
    assert_error(accept(meera_client, earlier), 410, "invitation_revoked")
    assert accept(meera_client, link_token(MEERA)).status_code == 200
    assert roles_in(team.id)[meera.id] == "instructor"


def test_a_removed_members_link_does_not_bring_them_back(team, meera, meera_client, link_token, assert_error):
    invite(team)
    token = link_token(MEERA)
    assert accept(meera_client, token).status_code == 200
    assert team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{meera.id}").status_code == 204
    assert_error(accept(meera_client, token), 409, "invitation_used")
    assert meera_client.get(f"/api/studios/{team.slug}").status_code == 404


def test_bad_tokens_are_a_404(meera_client, assert_error, app):
    assert_error(accept(meera_client, "not-a-token"), 404, "invitation_not_found")
    with app.test_request_context():
        unknown = links.invitation_token(999_999, "0" * 32)
        tilde = {"sep": "~"}
        other_salt = links.URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="feedback", signer_kwargs=tilde)
        other_salt = other_salt.dumps({"i": 1, "n": "x"})
    assert_error(accept(meera_client, unknown), 404, "invitation_not_found")
    assert_error(accept(meera_client, other_salt), 404, "invitation_not_found")


def test_accepting_needs_a_sign_in(client, assert_error):
    assert_error(client.post("/api/invitations/x/accept"), 401, "unauthorized")


def test_who_may_invite_whom(team, assert_error):
    assert invite(team, role="front_desk", by="manager").status_code == 201
    assert_error(invite(team, email="boss@example.com", role="manager", by="manager"), 403, "forbidden")
    assert_error(invite(team, email="boss@example.com", role="owner", by="manager"), 403, "forbidden")
    assert invite(team, email="boss@example.com", role="manager").status_code == 201
    for role in ("instructor", "front_desk"):
        assert_error(invite(team, email="x@example.com", by=role), 403, "forbidden")
    assert_error(invite(team, email=team.accounts["manager"].email), 409, "already_member")
    assert_error(invite(team, email="not an email"), 400, "validation_error", "email")
    assert_error(invite(team, role="chef"), 400, "validation_error", "role")


def test_invitations_are_bounded_per_address_and_per_studio_a_day(team, app, assert_error):
    app.config.update(STUDIO_INVITATIONS_PER_ADDRESS_DAY=2, STUDIO_INVITATIONS_PER_DAY=3)
    assert [invite(team).status_code for _ in range(2)] == [201, 201]
    assert_error(invite(team), 429, "too_many_invitations")
    assert invite(team, email="other@example.com").status_code == 201
    assert_error(invite(team, email="third@example.com"), 429, "too_many_invitations")


def listed(team, by="owner") -> list[dict]:
    answer = team.clients[by].get(f"/api/studios/{team.slug}/invitations")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def withdraw(team, invitation_id: int, by="owner"):
    return team.clients[by].delete(f"/api/studios/{team.slug}/invitations/{invitation_id}")


def test_open_invitations_are_listed_with_who_sent_them(team, app, meera_client, link_token):
    first = invite(team, email="a@example.com", role="front_desk", by="manager").get_json()
    invite(team)  # meera, accepted below: no longer open
    assert accept(meera_client, link_token(MEERA)).status_code == 200
    expired = invite(team, email="old@example.com").get_json()
    with app.app_context(), unit_of_work():
        db.session.execute(
            update(StudioInvitation)
            .where(StudioInvitation.id == expired["id"])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    manager = team.accounts["manager"]
    items = listed(team, by="manager")
    assert [(i["id"], i["email"], i["role"], i["invited_by"]) for i in items] == [
        (first["id"], "a@example.com", "front_desk", {"id": manager.id, "name": manager.name})
    ]
    assert items[0]["expires_at"] == first["expires_at"] and items[0]["created_at"]


def test_a_withdrawn_invitation_is_a_410_and_audited(team, meera, meera_client, link_token, assert_error):
    made = invite(team).get_json()
    token = link_token(MEERA)
    assert withdraw(team, made["id"], by="manager").status_code == 204
    assert_error(accept(meera_client, token), 410, "invitation_revoked")
    assert listed(team) == []
    assert_error(withdraw(team, made["id"]), 404, "invitation_not_found")
    log = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=invitation.withdrawn").get_json()["items"]
    assert [(e["actor_id"], e["actor_role"], e["object_id"], e["before"]) for e in log] == [
        (team.accounts["manager"].id, "manager", made["id"], {"email": MEERA, "role": "instructor"})
    ]


def test_who_may_withdraw_what(team, make_team, meera_client, link_token, assert_error, db_rows):
    boss = invite(team, email="boss@example.com", role="manager").get_json()
    used = invite(team).get_json()
    assert accept(meera_client, link_token(MEERA)).status_code == 200
    other = make_team("Other Studio")
    theirs = invite(other, email="x@example.com").get_json()
    before = db_rows()
    assert_error(withdraw(team, boss["id"], by="manager"), 403, "forbidden")
    for role in ("instructor", "front_desk"):
        assert_error(withdraw(team, boss["id"], by=role), 403, "forbidden")
    assert_error(withdraw(team, used["id"]), 409, "invitation_used")
    assert_error(withdraw(team, theirs["id"]), 404, "invitation_not_found")
    assert_error(withdraw(team, 999_999), 404, "invitation_not_found")
    assert db_rows() == before
    assert withdraw(team, boss["id"]).status_code == 204
