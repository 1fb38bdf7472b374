"""The access token names the studios whose CRM inbox its holder may read (inbox.read: owners and managers) and whose
client book they may open, as of its minting; GET /auth/access gives the same as of now, which the CRM asks on every
request (it has no membership table of its own), so a removal, a demotion or a logout counts there at once."""

from flask_jwt_extended import decode_token

from main_app.services.studios.permissions import CLIENT_BOOK_PERMISSIONS, ROLE_PERMISSIONS
from service_kit.security import CLIENT_BOOK_CLAIM, INBOX_STUDIOS_CLAIM

ZONE = "Asia/Kolkata"  # every team's studio (conftest's STUDIO): the claim names it for the CRM's "this month"


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


def _book_claim(app, token: str) -> list:
    with app.app_context():
        return decode_token(token)[CLIENT_BOOK_CLAIM]


def test_the_client_book_claim_names_each_studio_with_the_roles_permissions(app, make_team, token_for, add_member):
    first, second = make_team("First"), make_team("Second")
    add_member(second.id, first.accounts["front_desk"], "instructor")

    tokens = {role: token_for(account) for role, account in first.accounts.items()}

    def entry(team, role):
        permissions = [p for p in CLIENT_BOOK_PERMISSIONS if p in ROLE_PERMISSIONS[role]]
        return {"id": team.id, "slug": team.slug, "timezone": ZONE, "permissions": permissions}

    assert _book_claim(app, tokens["owner"]) == [entry(first, "owner")]
    assert _book_claim(app, tokens["manager"]) == [entry(first, "manager")]
    assert _book_claim(app, tokens["instructor"]) == [
        {"id": first.id, "slug": first.slug, "timezone": ZONE, "permissions": ["clients.own"]}
    ]
    assert _book_claim(app, tokens["front_desk"]) == [
        {
            "id": first.id,
            "slug": first.slug,
            "timezone": ZONE,
            "permissions": ["clients.view", "clients.write", "clients.whatsapp"],
        },
        {"id": second.id, "slug": second.slug, "timezone": ZONE, "permissions": ["clients.own"]},
    ]


def _access(client, token: str):
    return client.get("/auth/access", headers={"Authorization": f"Bearer {token}"})


def test_access_gives_todays_studios_to_a_token_minted_before_a_change(client, make_team, token_for):
    team = make_team("Lotus")
    manager, desk = team.accounts["manager"], team.accounts["front_desk"]
    tokens = {"manager": token_for(manager), "front_desk": token_for(desk)}
    before = _access(client, tokens["manager"]).get_json()
    assert before["id"] == manager.id and before["role"] == manager.role and before["name"] == manager.name
    assert before[INBOX_STUDIOS_CLAIM] == [team.id] and [e["slug"] for e in before[CLIENT_BOOK_CLAIM]] == [team.slug]

    demoted = team.clients["owner"].patch(f"/api/studios/{team.slug}/members/{manager.id}", json={"role": "instructor"})
    removed = team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{desk.id}")
    assert (demoted.status_code, removed.status_code) == (200, 204)

    after = _access(client, tokens["manager"]).get_json()
    assert after[INBOX_STUDIOS_CLAIM] == []
    assert after[CLIENT_BOOK_CLAIM] == [
        {"id": team.id, "slug": team.slug, "timezone": ZONE, "permissions": ["clients.own"]}
    ]
    assert _access(client, tokens["front_desk"]).get_json() | {"name": None} == {
        "id": desk.id, "role": desk.role, "name": None, INBOX_STUDIOS_CLAIM: [], CLIENT_BOOK_CLAIM: []
    }  # fmt: skip


def test_access_refuses_a_logged_out_token_and_none(client, team, token_for, assert_error):
    token = token_for(team.accounts["owner"])
    assert client.post("/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 204

    assert_error(_access(client, token), 401, "token_revoked")
    assert_error(client.get("/auth/access"), 401, "unauthorized")
