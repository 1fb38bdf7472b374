"""The access token names the studios whose CRM inbox its holder may read (inbox.read: owners and managers), as of
its minting: the CRM trusts that claim, having no membership table of its own."""

from flask_jwt_extended import decode_token

from service_kit.security import INBOX_STUDIOS_CLAIM


def _claim(app, token: str) -> list:
    with app.app_context():
        return decode_token(token)[INBOX_STUDIOS_CLAIM]


def test_owners_and_managers_tokens_name_their_studios_others_none(app, make_team, token_for, add_member):
    first, second = make_team("First"), make_team("Second")
    add_member(second.id, first.accounts["instructor"], "manager")

    tokens = {role: token_for(account) for role, account in first.accounts.items()}

    assert _claim(app, tokens["owner"]) == [first.id]
    assert _claim(app, tokens["manager"]) == [first.id]
    assert _claim(app, tokens["instructor"]) == [second.id]  # a manager there, an instructor here
    assert _claim(app, tokens["front_desk"]) == []


def test_login_and_refresh_carry_todays_memberships(app, client, make_team, make_user, add_member):
    team = make_team("Lotus")
    newcomer = make_user(name="New Manager")
    logged_in = client.post("/auth/login", json={"email": newcomer.email, "password": newcomer.password})
    token = logged_in.get_json()["access_token"]
    assert _claim(app, token) == []

    add_member(team.id, newcomer, "manager")
    refreshed = client.post("/auth/refresh", headers={"Authorization": f"Bearer {token}"})

    assert refreshed.status_code == 200
    assert _claim(app, refreshed.get_json()["access_token"]) == [team.id]
    removed = team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{newcomer.id}")
    assert removed.status_code in (200, 204), removed.get_json()
    again = client.post("/auth/refresh", headers={"Authorization": f"Bearer {token}"})
    assert _claim(app, again.get_json()["access_token"]) == []


def test_refresh_needs_a_token(client):
    answer = client.post("/auth/refresh")

    assert answer.status_code == 401 and answer.get_json()["error"]["code"]
