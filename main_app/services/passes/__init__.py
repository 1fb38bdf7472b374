"""Pass products, passes sold, credits and their ledger, a facilitator's figures."""

from .credits import (
    check_pass_for,
    check_terms,
    credit_back_until,
    hold_for_place,
    release_places,
    seat_with_place_pass,
)
from .credits import give_back as give_back_credits
from .credits import spend as spend_credits
from .opening import open_imported
from .products import create_product, on_sale, retire_product, update_product
from .products import list_own as list_own_products
from .products import own_events as pass_own_events
from .report import passes_sold
from .report import summary as passes_summary
from .sold import SETTLED as PASS_SETTLED
from .sold import activate as activate_pass
from .sold import document as pass_document
from .sold import ends as pass_ends
from .sold import is_new_customer, own_pass, product_to_buy
from .sold import locked as locked_pass
from .sold import mine as my_passes
from .sold import purchase_failed as pass_purchase_failed
from .sold import refunded as pass_refunded
from .sold import start as start_pass
from .uses import ledger as pass_ledger

__all__ = [
    "PASS_SETTLED",
    "activate_pass",
    "check_pass_for",
    "check_terms",
    "create_product",
    "credit_back_until",
    "give_back_credits",
    "hold_for_place",
    "is_new_customer",
    "list_own_products",
    "locked_pass",
    "my_passes",
    "on_sale",
    "open_imported",
    "own_pass",
    "pass_document",
    "pass_ends",
    "pass_ledger",
    "pass_own_events",
    "pass_purchase_failed",
    "pass_refunded",
    "passes_sold",
    "passes_summary",
    "product_to_buy",
    "release_places",
    "retire_product",
    "seat_with_place_pass",
    "spend_credits",
    "start_pass",
    "update_product",
]
