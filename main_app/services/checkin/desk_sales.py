"""A pass sold at a studio's desk: the front desk (or a manager) takes cash or a card on the studio's terminal, and the
person's pass is good at once, in one transaction with its payment (provider "door", how it was paid, who took it)
and an audit entry. The person is found by email, or gets an account and an email saying how to set its password,
as a walk-in does. A membership sold this way does not renew on its own: nobody's card is on file."""

from sqlalchemy import select

from main_app.services import studios
from main_app.services.invoices import require_billing_address
from main_app.services.passes import activate_pass, pass_document, start_pass
from main_app.services.payments import door_payment, payment_receipt

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import PRODUCT_ON_SALE, Pass, PassProduct, utcnow
from .. import news
from .walkins import _person as person_for


def _studio_product(staff, product_id: int) -> PassProduct:
    """The studio's product on sale: 404 pass_not_found for any other (another studio's looks like none)."""
    product = db.session.scalar(select(PassProduct).where(PassProduct.id == product_id, staff.owns(PassProduct)))
    if product is None:
        raise api_error("pass_not_found", pass_id=product_id)
    if product.status != PRODUCT_ON_SALE:
        raise api_error("pass_retired.not_sold")
    return product


@retry_on_deadlock
def sell_at_desk(staff, actor, product_id: int, name: str, email: str, method: str) -> dict:
    """Sell the studio's pass to someone at the desk, paid there by method: {"pass", "payment", "user_id",
    "new_account"}. 404 pass_not_found, 409 pass_retired, not_a_person (a staff account's email) or
    billing_address_required (a GST invoice of ₹50,000 taxable to a client without an address and state)."""
    product = _studio_product(staff, product_id)
    person, new = person_for(name, email, staff, None, product.name)
    now = utcnow()
    with unit_of_work():
        sold = start_pass(person, product)
        sold.renews = False  # paid in person: no card on file to charge next period
        payment = None
        if sold.price:
            # As the online checkout asks: nothing is sold (the unit of work rolls back) until the client adds them.
            require_billing_address(person.id, sold.price, sold.currency, sold.tax or {}, at_desk=True)
            reference = f"desk-pass-{sold.id}"
            payment = door_payment(
                sold.price,
                sold.currency,
                reference,
                now,
                pass_id=sold.id,
                tax=sold.tax,
                method=method,
                taken_by=staff.id,
            )
            activate_pass(sold, now)
        receipt = payment_receipt(payment) if payment else None
        news.publish(news.PassPurchased(sold, person, receipt))
        after = {"pass_id": sold.id, "user_id": person.id, "amount": sold.price, "method": method}
        studios.record(staff.studio.id, actor, "pass.sold_at_desk", ("pass", sold.id), None, after)
    sold = db.session.get(Pass, sold.id, populate_existing=True)
    money = {"amount": sold.price, "currency": sold.currency, "method": method, "taken_by": staff.id}
    return {"pass": pass_document(sold), "payment": money, "user_id": person.id, "new_account": new}
