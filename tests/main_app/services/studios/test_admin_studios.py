"""Platform admins' reads for making owners: every studio with its owners and members, and accounts by email."""

import pytest

pytestmark = pytest.mark.both_databases


def test_an_admin_lists_every_studio_with_its_owners_and_members_closed_ones_too(admin_client, make_team, assert_error):
    lotus, cedar = make_team("Lotus Yoga"), make_team("Cedar Hall")
    closed = cedar.clients["owner"].delete(f"/api/studios/{cedar.slug}", json={"confirm": cedar.slug})
    assert closed.status_code == 204, closed.get_json()
    page = admin_client.get("/api/admin/studios").get_json()
    assert (page["total"], page["pages"]) == (2, 1)
    assert [(s["slug"], s["closed"], s["members"]) for s in page["items"]] == [
        (cedar.slug, True, 4),
        (lotus.slug, False, 4),
    ]
    owner = lotus.accounts["owner"]
    assert page["items"][1]["owners"] == [{"user_id": owner.id, "name": owner.name, "email": owner.email}]
    found = admin_client.get("/api/admin/studios", query_string={"q": "lotus", "per_page": 1}).get_json()
    assert [s["slug"] for s in found["items"]] == [lotus.slug] and found["total"] == 1
    assert_error(lotus.clients["owner"].get("/api/admin/studios"), 403, "forbidden")


def test_an_admin_finds_accounts_by_email_or_name_a_few_at_a_time(admin_client, make_user, user_client, assert_error):
    asha = make_user(name="Asha Rao", email="asha.rao@example.com")
    for n in range(30):
        make_user(name=f"Person {n}", email=f"person{n}@example.org")
    assert admin_client.get("/api/admin/users", query_string={"q": "asha.rao@"}).get_json()["items"] == [
        {"id": asha.id, "name": "Asha Rao", "email": "asha.rao@example.com"}
    ]
    assert len(admin_client.get("/api/admin/users", query_string={"q": "example.org"}).get_json()["items"]) == 10
    many = admin_client.get("/api/admin/users", query_string={"q": "example.org", "limit": 25}).get_json()["items"]
    assert len(many) == 25
    assert_error(admin_client.get("/api/admin/users", query_string={"q": "a"}), 400, "validation_error", "q")
    assert admin_client.get("/api/admin/users", query_string={"q": "100%"}).get_json()["items"] == []
    assert_error(user_client.get("/api/admin/users", query_string={"q": "asha"}), 403, "forbidden")
