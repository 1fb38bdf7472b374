"""Both services at once: a member taken out of a studio, moved to a smaller role, or whose token was logged out is
refused by the real CRM (which asks this main API, served on loopback, what a token reaches) at the same moment as
by the main API; tokens minted before the change are the ones tried."""

import pytest
from db_templates import detach_crm_log_handlers
from main_fake_crm import ServedApp
from plugins.main_api import CRM_TOKEN

from crm_microservice import create_app as create_crm_app
from crm_microservice.extensions import db as crm_db

pytestmark = pytest.mark.both_databases


@pytest.fixture
def crm(app, db_backend, make_database_url, tmp_path):
    """The real CRM, asking this test's main API (served on loopback) what each token reaches."""
    main_api = ServedApp(app)
    crm_app = create_crm_app(
        {
            "TESTING": True,
            "APP_ENV": "development",
            "CRM_AUTH_TOKEN": CRM_TOKEN,
            "JWT_SECRET_KEY": app.config["JWT_SECRET_KEY"],
            "CRM_STORAGE": "sqlite",
            "CRM_DATABASE_URL": make_database_url(db_backend, "crm-access", template="crm"),
            "CRM_LOG_FILE": str(tmp_path / "crm.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "CRM_SIGNING_SECRET": "",
            "MAIN_API_URL": main_api.url,
        }
    )
    yield crm_app.test_client()
    main_api.stop()
    with crm_app.app_context():
        crm_db.session.remove()
        crm_db.engine.dispose()
    detach_crm_log_handlers()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_removed_member_loses_the_client_book_in_both_services_at_once(client, crm, team, token_for, assert_error):
    desk = team.accounts["front_desk"]
    token = token_for(desk)
    book, desk_clients = f"/api/studios/{team.slug}/clients", f"/api/studios/{team.slug}/desk/clients?q=ab"
    assert crm.get(book, headers=bearer(token)).status_code == 200
    assert crm.get(f"{book}.csv", headers=bearer(token)).status_code == 200

    assert team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{desk.id}").status_code == 204

    assert_error(crm.get(book, headers=bearer(token)), 404, "studio_not_found")
    assert_error(crm.get(f"{book}.csv", headers=bearer(token)), 404, "studio_not_found")
    assert_error(client.get(desk_clients, headers=bearer(token)), 404, "studio_not_found")


def test_a_demoted_manager_loses_the_inbox_and_the_spend_in_both_services_at_once(
    client, crm, team, make_user, add_member, token_for, assert_error
):
    manager = make_user(name="Second Manager")
    add_member(team.id, manager, "manager")
    token = token_for(manager)
    inbox = f"/notifications?studio_id={team.id}"
    assert crm.get(inbox, headers=bearer(token)).status_code == 200
    assert "spent" in crm.get(f"/api/studios/{team.slug}/clients.csv", headers=bearer(token)).text

    moved = team.clients["owner"].patch(f"/api/studios/{team.slug}/members/{manager.id}", json={"role": "instructor"})
    assert moved.status_code == 200

    assert_error(crm.get(inbox, headers=bearer(token)), 403, "forbidden")
    assert "spent" not in crm.get(f"/api/studios/{team.slug}/clients.csv", headers=bearer(token)).text
    assert client.get(f"/api/studios/{team.slug}/reports/revenue", headers=bearer(token)).status_code == 403


def test_a_logged_out_token_is_refused_by_both_services_at_once(client, crm, team, token_for, assert_error):
    token = token_for(team.accounts["manager"])
    assert crm.get(f"/notifications?studio_id={team.id}", headers=bearer(token)).status_code == 200

    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204

    for path in (f"/notifications?studio_id={team.id}", f"/api/studios/{team.slug}/clients"):
        assert_error(crm.get(path, headers=bearer(token)), 401, "token_revoked")
    assert_error(client.get(f"/api/studios/{team.slug}/members", headers=bearer(token)), 401, "token_revoked")
