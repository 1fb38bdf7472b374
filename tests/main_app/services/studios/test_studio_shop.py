"""A studio's shop through its own routes: pass products and codes are the studio's, whoever of its managers made
them; only the roles that manage passes or see money reach them; a code is good for the studio's classes and nobody
else's; another studio's products and codes look like none."""

from sqlalchemy import select

from main_app.extensions import db
from main_app.models import DiscountCode, PassProduct

PACK = {"name": "10-class pack", "kind": "pack", "credits": 10, "valid_days": 120, "price": 400_000}
PRICE = 100_000


def test_a_manager_puts_a_pack_on_sale_for_the_studio_and_the_owner_sees_it(app, make_team, make_session):
    team = make_team("Shop Studio")
    class_ = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    made = team.clients["manager"].post(
        f"/api/studios/{team.slug}/passes", json={**PACK, "event_ids": [class_.event_id]}
    )
    assert made.status_code == 201, made.get_json()
    product = made.get_json()
    assert (product["facilitator_id"], product["event_ids"]) == (team.accounts["manager"].id, [class_.event_id])
    assert product["timezone"] == "UTC"  # the zone of the event it covers
    listed = team.clients["owner"].get(f"/api/studios/{team.slug}/passes").get_json()["items"]
    assert [item["id"] for item in listed] == [product["id"]]
    with app.app_context():
        assert db.session.get(PassProduct, product["id"]).studio_id == team.id
    # On sale for the class it covers, taught by someone else of the studio.
    assert [p["id"] for p in app.test_client().get(f"/passes?event_id={class_.event_id}").get_json()["items"]] == [
        product["id"]
    ]
    summary = team.clients["owner"].get(f"/api/studios/{team.slug}/passes/summary").get_json()
    assert summary == {"passes_sold": 0, "active_members": 0, "credits_outstanding": 0, "code_uses": 0}


def test_with_no_event_a_studio_pack_keeps_the_studios_clock(make_team):
    team = make_team("Clock Studio")
    made = team.clients["owner"].post(f"/api/studios/{team.slug}/passes", json=PACK).get_json()
    assert made["timezone"] == "Asia/Kolkata"


def test_an_instructor_and_the_front_desk_are_refused_the_shop(make_team, make_session, make_stock, assert_error):
    team = make_team("Closed Shop")
    stock = make_stock(team)
    event_id = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id).event_id
    base = f"/api/studios/{team.slug}"
    calls = [
        ("POST", "/passes", PACK, "passes.manage"),
        ("GET", "/passes", None, "passes.manage"),
        ("PATCH", f"/passes/{stock.pass_id}", {"name": "Cheaper"}, "passes.manage"),
        ("POST", f"/passes/{stock.pass_id}/retire", None, "passes.manage"),
        ("GET", "/passes/summary", None, "money.view"),
        ("GET", "/passes/sold.csv", None, "money.view"),
        ("POST", "/codes", {"code": "SNEAKY", "percent_off": 90}, "passes.manage"),
        ("GET", "/codes", None, "passes.manage"),
        ("POST", f"/codes/{stock.code_id}/retire", None, "passes.manage"),
        ("GET", f"/events/{event_id}/money", None, "money.view"),
    ]
    for role in ("instructor", "front_desk"):
        for method, path, body, permission in calls:
            error = assert_error(team.clients[role].open(base + path, method=method, json=body), 403, "forbidden")
            assert error["details"] == {"permission": permission, "role": role}, (role, method, path)


def test_a_pack_or_code_covers_only_the_studios_events(make_team, make_session, assert_error):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    their_class = make_session(facilitator_id=theirs.accounts["owner"].id, studio_id=theirs.id)
    manager = mine.clients["manager"]
    for path, body in (("passes", PACK), ("codes", {"code": "THEIRS", "percent_off": 5})):
        answer = manager.post(f"/api/studios/{mine.slug}/{path}", json={**body, "event_ids": [their_class.event_id]})
        assert str(their_class.event_id) in assert_error(answer, 400, "validation_error", "event_ids")["message"]


def _code(team, role: str, code: str, percent_off: int) -> dict:
    """A code made by the team's member in role through the studio's routes."""
    made = team.clients[role].post(f"/api/studios/{team.slug}/codes", json={"code": code, "percent_off": percent_off})
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def test_a_code_is_good_for_its_studios_classes_whoever_teaches_them_and_unknown_elsewhere(
    app, make_team, make_session, make_user, client_for, assert_error
):
    studio_a, studio_b = make_team("Studio A"), make_team("Studio B")
    welcome = _code(studio_a, "manager", "Welcome25", 25)
    _code(studio_a, "manager", "ONLYA", 10)
    _code(studio_b, "owner", "WELCOME25", 50)  # a name each studio may have: its codes are its own
    b_class = make_session(facilitator_id=studio_b.accounts["instructor"].id, studio_id=studio_b.id, price=PRICE)
    a_class = make_session(facilitator_id=studio_a.accounts["owner"].id, studio_id=studio_a.id, price=PRICE)
    person = client_for(make_user(name="Shopper"))
    error = assert_error(
        person.post("/book", json={"session_id": b_class.id, "code": "onlya"}), 400, "validation_error", "code"
    )
    assert "does not exist" in error["details"]["code"][0]
    b_quote = person.get("/codes/quote", query_string={"code": "welcome25", "session_id": b_class.id, "seats": 1})
    assert b_quote.get_json()["amount_off"] == PRICE // 2  # B's own WELCOME25, not A's
    # A's code, made by its manager, for A's class taught by its owner.
    booked = person.post("/book", json={"session_id": a_class.id, "code": "welcome25"})
    assert booked.status_code == 201, booked.get_json()
    assert booked.get_json()["payment"]["amount"] == PRICE * 3 // 4
    # And for A's packs, not B's.
    a_pack, b_pack = (
        team.clients["owner"].post(f"/api/studios/{team.slug}/passes", json=PACK).get_json()
        for team in (studio_a, studio_b)
    )
    quoted = person.get("/codes/quote", query_string={"code": "welcome25", "product_id": a_pack["id"]})
    assert quoted.get_json()["amount_off"] == PACK["price"] // 4
    quoted = person.get("/codes/quote", query_string={"code": "onlya", "product_id": b_pack["id"]})
    assert_error(quoted, 400, "validation_error", "code")
    with app.app_context():
        code = db.session.scalar(select(DiscountCode).where(DiscountCode.id == welcome["id"]))
        assert (code.studio_id, code.facilitator_id, code.uses) == (studio_a.id, studio_a.accounts["manager"].id, 1)


def test_another_studios_products_and_codes_through_my_own_slug_are_not_found(
    make_team, make_stock, db_rows, assert_error
):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    make_stock(mine)
    stock = make_stock(theirs)
    owner, base = mine.clients["owner"], f"/api/studios/{mine.slug}"
    before = db_rows()
    assert_error(owner.patch(f"{base}/passes/{stock.pass_id}", json={"name": "Mine now"}), 404, "pass_not_found")
    assert_error(owner.post(f"{base}/passes/{stock.pass_id}/retire"), 404, "pass_not_found")
    assert_error(owner.post(f"{base}/codes/{stock.code_id}/retire"), 404, "code_not_found")
    assert stock.pass_id not in [p["id"] for p in owner.get(f"{base}/passes").get_json()["items"]]
    assert stock.code_id not in [c["id"] for c in owner.get(f"{base}/codes").get_json()["items"]]
    assert db_rows() == before


def test_a_facilitator_on_the_seed_routes_sells_in_their_studio_and_lists_only_what_they_made(
    app, make_team, make_stock, add_member, facilitator, facilitator_client
):
    team = make_team("Seed Studio")
    add_member(team.id, facilitator, "owner")  # the studio their seed routes work in
    make_stock(team)  # the manager's pack and code
    seed = f"/api/facilitator/{facilitator.id}/passes"
    made = facilitator_client.post(seed, json=PACK)
    assert made.status_code == 201, made.get_json()
    assert [p["id"] for p in facilitator_client.get(seed).get_json()["items"]] == [made.get_json()["id"]]
    studio_list = facilitator_client.get(f"/api/studios/{team.slug}/passes").get_json()["items"]
    assert len(studio_list) == 2 and made.get_json()["id"] in [p["id"] for p in studio_list]
    with app.app_context():
        assert db.session.get(PassProduct, made.get_json()["id"]).studio_id == team.id
