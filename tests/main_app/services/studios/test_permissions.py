"""The role matrix of the studio routes, driven by the permission table and the app's routes: every route under
/api/studios/<slug> names its permission, and every role of its own studio is let in exactly when the table says
(403 otherwise), while a member of another studio gets a 404, whatever their role."""

import pytest

from main_app.models import MEMBER_ROLES
from main_app.services.studios import PERMISSIONS, ROLE_PERMISSIONS, allowed

SAMPLE_BODIES = {
    ("PATCH", "/api/studios/<slug>"): {"contact_phone": "+91 98123 45678"},
    ("POST", "/api/studios/<slug>/invitations"): {"email": "newcomer@example.com", "role": "front_desk"},
    ("PATCH", "/api/studios/<slug>/members/<id:user_id>"): {"role": "front_desk"},
}
# Bodies naming one of the studio's people: filled in with the team's instructor.
INSTRUCTOR_BODIES = {("PATCH", "/api/studios/<slug>/sessions/<id:session_id>/instructor"): "instructor_id"}


def studio_routes(app) -> list[tuple[str, str, str]]:
    """(method, rule, permission) of every route with a studio's slug in its path."""
    found = []
    for rule in app.url_map.iter_rules():
        if "<slug>" not in rule.rule or not rule.rule.startswith("/api/studios/"):
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, getattr(view, "studio_permission", None)))
    return found


def test_the_table_gives_owners_everything_and_names_only_known_permissions():
    assert set(ROLE_PERMISSIONS) == set(MEMBER_ROLES)
    assert set(ROLE_PERMISSIONS["owner"]) == set(PERMISSIONS)
    for role, permissions in ROLE_PERMISSIONS.items():
        assert set(permissions) <= set(PERMISSIONS), role
    assert not allowed("instructor", "money.view") and not allowed("front_desk", "refunds.make")
    with pytest.raises(KeyError):
        allowed("owner", "no.such.permission")


def test_every_studio_route_names_its_permission(app):
    routes = studio_routes(app)
    assert len(routes) >= 7
    assert [route for route in routes if route[2] not in PERMISSIONS] == []


def _call(client, method: str, rule: str, team, target_id: int, session_id: int = 1):
    path = rule.replace("<slug>", team.slug).replace("<id:user_id>", str(target_id))
    path = path.replace("<id:session_id>", str(session_id))
    body = SAMPLE_BODIES.get((method, rule))
    if (method, rule) in INSTRUCTOR_BODIES:
        body = {INSTRUCTOR_BODIES[(method, rule)]: team.accounts["instructor"].id}
    return client.open(path, method=method, json=body)


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_each_role_reaches_exactly_what_the_table_gives_it_in_its_own_studio(
    app, role, make_team, make_user, add_member, make_session
):
    team = make_team("Own Studio")
    session = make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id)
    for method, rule, permission in studio_routes(app):
        target = make_user(name="Front Desk Target")
        add_member(team.id, target, "front_desk")
        answer = _call(team.clients[role], method, rule, team, target.id, session.id)
        if allowed(role, permission):
            assert answer.status_code < 400, (role, method, rule, answer.get_json())
        else:
            assert answer.status_code == 403, (role, method, rule, answer.get_json())
            assert answer.get_json()["error"]["details"]["permission"] == permission


def test_every_role_of_another_studio_gets_a_404_everywhere(app, make_team, make_user, add_member, make_session):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    target = make_user(name="Their Front Desk")
    add_member(theirs.id, target, "front_desk")
    session = make_session(facilitator_id=theirs.accounts["owner"].id, studio_id=theirs.id)
    for method, rule, _permission in studio_routes(app):
        for role in MEMBER_ROLES:
            answer = _call(mine.clients[role], method, rule, theirs, target.id, session.id)
            assert answer.status_code == 404, (role, method, rule, answer.get_json())
            assert answer.get_json()["error"]["code"] == "studio_not_found"


def test_a_signed_in_stranger_gets_a_404_and_no_token_a_401(app, user_client, client, team):
    for method, rule, _permission in studio_routes(app):
        assert _call(user_client, method, rule, team, 1).status_code == 404, (method, rule)
        assert _call(client, method, rule, team, 1).status_code == 401, (method, rule)
