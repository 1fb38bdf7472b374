"""Who hears of a pass: the CRM (bought, credits spent, returned, forfeited, codes redeemed) and its person (a
receipt, the last credit, the end coming), written with the change they are about."""

from datetime import datetime, timedelta

from pass_shop import PACK

from main_app.lanes import build_dispatcher

PRICE = 120_000


def crm(outbox, kind: str) -> list[dict]:
    return [m["payload"] for m in outbox() if m["type"] == kind]


def mails(email_outbox, kind: str) -> list[dict]:
    return [m for m in email_outbox() if m["type"] == kind]


def test_a_bought_pack_is_news_for_the_crm_with_a_receipt_and_a_note_before_it_ends(
    put_on_sale, buy, user_client, outbox, email_outbox, user, facilitator
):
    buy(user_client, put_on_sale()["id"])
    [bought] = crm(outbox, "pass_purchased")
    assert (bought["user_id"], bought["facilitator_id"], bought["data"]["credits_left"]) == (user.id, facilitator.id, 5)
    assert bought["data"]["receipt"]["amount"] == "₹2,500" and bought["data"]["actor"]["role"] == "user"
    [receipt] = mails(email_outbox, "pass_receipt")
    assert receipt["payload"]["snapshot"]["receipt"]["payment_id"].startswith("tpay_")
    [ending] = mails(email_outbox, "pass_ending")
    [mine] = user_client.get("/me/passes").get_json()["items"]
    due = datetime.fromisoformat(mine["valid_until"]) - timedelta(days=7)
    assert abs(ending["next_attempt_at"] - due) < timedelta(seconds=1)


def test_credits_spent_returned_and_forfeited_each_reach_the_crm(
    put_on_sale, buy, user_client, make_session, outbox, email_outbox
):
    buy(user_client, put_on_sale(PACK, credits=3)["id"])
    pass_id = user_client.get("/me/passes").get_json()["items"][0]["id"]
    early = make_session(price=PRICE, starts_in=timedelta(days=3)).id
    late = make_session(price=PRICE, starts_in=timedelta(hours=3)).id
    first = user_client.post("/book", json={"session_id": early, "pass_id": pass_id}).get_json()
    second = user_client.post("/book", json={"session_id": late, "pass_id": pass_id}).get_json()
    assert [m["data"]["credits_left"] for m in crm(outbox, "credit_spent")] == [2, 1]
    assert len(mails(email_outbox, "pass_last_credit")) == 1  # down to one: its person hears once
    user_client.post(f"/bookings/{first['id']}/cancel")
    user_client.post(f"/bookings/{second['id']}/cancel")
    [returned], [forfeited] = crm(outbox, "credit_returned"), crm(outbox, "credit_forfeited")
    assert (returned["data"]["booking_id"], returned["data"]["credits_left"]) == (first["id"], 2)
    assert (forfeited["data"]["booking_id"], forfeited["data"]["credits"]) == (second["id"], 1)


def test_a_code_redeemed_reaches_the_crm(put_on_sale, buy, user_client, facilitator_client, facilitator, outbox):
    code = {"code": "WELCOME", "percent_off": 100, "applies_to": "passes"}
    assert facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json=code).status_code == 201
    product = put_on_sale()
    assert user_client.post(f"/passes/{product['id']}/buy", json={"code": "welcome"}).status_code == 201
    [redeemed] = crm(outbox, "code_redeemed")
    assert (redeemed["data"]["code"], redeemed["data"]["amount_off"]) == ("WELCOME", PACK["price"])
    assert crm(outbox, "pass_purchased")[0]["data"]["price"] == 0


def test_the_real_crm_stores_pass_and_credit_news(
    app, make_app, real_crm, put_on_sale, buy, user_client, make_session, user, facilitator
):
    crm = real_crm()
    buy(user_client, put_on_sale()["id"])
    pass_id = user_client.get("/me/passes").get_json()["items"][0]["id"]
    user_client.post("/book", json={"session_id": make_session(price=PRICE).id, "pass_id": pass_id})
    dispatch_app = make_app(migrate=False, CRM_BASE_URL=crm.url)
    with dispatch_app.app_context():
        dispatcher = build_dispatcher(dispatch_app.config)
        while dispatcher.run_once():
            pass
    dispatcher.close()
    stored = {record["type"]: record for record in crm.stored()}
    assert {"pass_purchased", "credit_spent", "booking_created"} <= set(stored)
    spent = stored["credit_spent"]
    assert (spent["source_format"], spent["user_id"], spent["facilitator_id"]) == ("typed", user.id, facilitator.id)
    assert spent["data"]["pass_id"] == pass_id and spent["read_at"] is None  # news for the studio
