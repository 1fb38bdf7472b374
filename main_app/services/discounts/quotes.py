"""The price a code gives before paying: for seats of a session, or for a pass."""

from dataclasses import asdict

from main_app.services.seats import offers_options, option_to_book
from main_app.services.studios import charged_tax, with_tax

from ...error_codes import api_error
from ...extensions import db
from ...models import Event, EventSession, PassProduct
from .codes import bad_code, quote


def quote_for(args: dict, buyer_id: int | None = None) -> dict:
    """QuoteSchema's document for the code on args' session (and seats) or pass product, priced as buyer_id's
    checkout will charge it (None: a visitor, whose billing details are not known)."""
    general = True  # a pass or a membership; a session's seats are a general service only online
    if "product_id" in args:
        product = db.session.get(PassProduct, args["product_id"])
        if product is None:
            raise api_error("pass_not_found", pass_id=args["product_id"])
        studio_id = product.studio_id
        found = quote(args["code"], studio_id, product.price, product.currency, use="passes")
    else:
        event_session = db.session.get(EventSession, args["session_id"])
        if event_session is None:
            raise api_error("session_not_found", session_id=args["session_id"])
        has_options = offers_options(event_session.id)
        option = option_to_book(event_session.id, args.get("option_id"), has_options)
        each = event_session.price if option is None else option.price  # an option's price is the seat's
        if each == 0:
            raise bad_code(args["code"], "is not needed: this session is free")
        event = db.session.get(Event, event_session.event_id)
        price, studio_id = each * args["seats"], event.studio_id
        general = event_session.mode == "online"
        found = quote(args["code"], studio_id, price, event_session.currency, use="bookings", event_id=event.id)
    document = asdict(found)
    del document["code_id"]
    # The tax its studio adds, on what is left after the code; none for a business the VAT is reverse charged to.
    tax = charged_tax(studio_id, buyer_id=buyer_id, general=general)
    total = with_tax(studio_id, found.amount_due, tax)
    reverse = bool(tax.get("reverse_charge"))
    return document | {"tax": 0 if reverse else total - found.amount_due, "total_due": total, "reverse_charge": reverse}
