"""Making a studio, my studios, a studio's settings, STUDIO_SIGNUP and platform admins making owners."""

import pytest

from main_app.config import load_config
from main_app.services.studios import ROLE_PERMISSIONS


def test_the_maker_of_a_studio_is_its_owner_and_sees_it_with_their_role(user_client, studio_fields):
    made = user_client.post("/api/studios", json={**studio_fields, "name": "Lotus Yoga Studio"})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["slug"] == "lotus-yoga-studio"
    assert made.get_json()["my_role"] == "owner"
    assert made.get_json()["my_permissions"] == list(ROLE_PERMISSIONS["owner"])
    mine = user_client.get("/api/studios").get_json()["items"]
    assert [(s["slug"], s["my_role"]) for s in mine] == [("lotus-yoga-studio", "owner")]
    assert mine[0]["my_permissions"] == list(ROLE_PERMISSIONS["owner"])


@pytest.mark.parametrize("role", ["manager", "instructor", "front_desk"])
def test_each_member_sees_what_the_permission_table_lets_their_role_do(team, role):
    found = team.clients[role].get(f"/api/studios/{team.slug}").get_json()
    assert found["my_role"] == role and found["my_permissions"] == list(ROLE_PERMISSIONS[role])
    [listed] = team.clients[role].get("/api/studios").get_json()["items"]
    assert listed["my_permissions"] == list(ROLE_PERMISSIONS[role])


def test_a_made_slug_is_numbered_and_a_chosen_one_taken_is_a_409(user_client, assert_error, studio_fields):
    for _ in range(2):
        user_client.post("/api/studios", json={**studio_fields, "name": "Ānanda Yoga!"})
    slugs = sorted(s["slug"] for s in user_client.get("/api/studios").get_json()["items"])
    assert slugs == ["ananda-yoga", "ananda-yoga-2"]
    assert_error(user_client.post("/api/studios", json={**studio_fields, "slug": "ananda-yoga"}), 409, "slug_taken")


def test_a_studio_refuses_unknown_fields_and_bad_values(user_client, assert_error, studio_fields):
    assert_error(user_client.post("/api/studios", json={**studio_fields, "owner": 1}), 400, "validation_error", "owner")
    bad = {**studio_fields, "timezone": "Mars/Olympus", "currency": "rupees", "country": "India", "slug": "Bad Slug"}
    assert_error(
        user_client.post("/api/studios", json=bad), 400, "validation_error", "timezone", "currency", "country", "slug"
    )
    assert_error(
        user_client.post("/api/studios", json={**studio_fields, "name": "x" * 201}), 400, "validation_error", "name"
    )


def test_studio_signup_admin_lets_only_platform_admins_make_studios(
    app, make_user, client_for, assert_error, studio_fields
):
    app.config["STUDIO_SIGNUP"] = "admin"  # as config.py reads STUDIO_SIGNUP=admin (production's default)
    someone, admin = make_user(), make_user(role="admin")
    assert_error(client_for(someone).post("/api/studios", json=studio_fields), 403, "studio_signup_closed")
    assert client_for(admin).post("/api/studios", json=studio_fields).status_code == 201


def test_the_owner_changes_settings_and_the_audit_log_says_what_changed(team):
    owner = team.clients["owner"]
    changed = owner.patch(f"/api/studios/{team.slug}", json={"name": "Lotus", "contact_email": "hi@lotus.example"})
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["name"] == "Lotus"
    assert changed.get_json()["my_permissions"] == list(ROLE_PERMISSIONS["owner"])
    entry = owner.get(f"/api/studios/{team.slug}/audit?kind=studio.settings_changed").get_json()["items"][0]
    assert entry["before"] == {"name": "Lotus Yoga", "contact_email": None}
    assert entry["after"] == {"name": "Lotus", "contact_email": "hi@lotus.example"}
    assert entry["actor_id"] == team.accounts["owner"].id and entry["actor_role"] == "owner"


def test_the_sites_allowed_to_frame_the_widget_are_kept_as_origins_and_audited(team, client, assert_error):
    owner = team.clients["owner"]
    sites = ["https://Lotus.Example/", "https://lotus.example:443", "https://bücher.de", "http://localhost:8000"]
    changed = owner.patch(f"/api/studios/{team.slug}", json={"embed_origins": sites})
    assert changed.status_code == 200, changed.get_json()
    kept = ["https://lotus.example", "https://xn--bcher-kva.de", "http://localhost:8000"]
    assert changed.get_json()["embed_origins"] == kept
    assert client.get(f"/api/public/studios/{team.slug}").get_json()["studio"]["embed_origins"] == kept
    entry = owner.get(f"/api/studios/{team.slug}/audit?kind=studio.settings_changed").get_json()["items"][0]
    assert (entry["before"], entry["after"]) == ({"embed_origins": []}, {"embed_origins": kept})
    for bad in ("http://lotus.example", "https://lotus.example/shop", "https://a.example; script-src *", "lotus"):
        answer = owner.patch(f"/api/studios/{team.slug}", json={"embed_origins": [bad]})
        assert_error(answer, 400, "validation_error", "embed_origins")
    assert_error(
        owner.patch(f"/api/studios/{team.slug}", json={"embed_origins": [f"https://s{n}.example" for n in range(21)]}),
        400,
        "validation_error",
        "embed_origins",
    )
    assert owner.get(f"/api/studios/{team.slug}").get_json()["embed_origins"] == kept  # nothing half-written
    assert owner.patch(f"/api/studios/{team.slug}", json={"embed_origins": []}).get_json()["embed_origins"] == []


def test_a_platform_admin_makes_any_account_an_owner(team, make_user, admin_client, client_for, roles_in, assert_error):
    newcomer = make_user(name="New Owner")
    made = admin_client.post(f"/api/admin/studios/{team.slug}/owners", json={"user_id": newcomer.id})
    assert made.status_code == 200, made.get_json()
    assert roles_in(team.id)[newcomer.id] == "owner"
    promoted = admin_client.post(
        f"/api/admin/studios/{team.slug}/owners", json={"user_id": team.accounts["instructor"].id}
    )
    assert promoted.status_code == 200
    assert roles_in(team.id)[team.accounts["instructor"].id] == "owner"
    assert_error(admin_client.post("/api/admin/studios/nowhere/owners", json={"user_id": 1}), 404, "studio_not_found")
    refused = team.clients["owner"].post(f"/api/admin/studios/{team.slug}/owners", json={"user_id": newcomer.id})
    assert_error(refused, 403, "forbidden")


def test_studio_signup_is_open_in_development_admin_in_production_and_checked(production_settings):
    assert load_config({})["STUDIO_SIGNUP"] == "open"
    production = {**production_settings, "GUNICORN_WORKERS": "1"}
    assert load_config(production)["STUDIO_SIGNUP"] == "admin"
    assert load_config({"STUDIO_SIGNUP": "ADMIN"})["STUDIO_SIGNUP"] == "admin"
    with pytest.raises(RuntimeError, match="STUDIO_SIGNUP"):
        load_config({"STUDIO_SIGNUP": "anyone"})
