"""Discount codes, their uses, and prices quoted before paying."""

from .codes import bad_code, create_code, list_codes, retire_code, update_code
from .codes import quote as quote_code
from .personal import code_name, personal_code
from .quotes import quote_for
from .uses import amount_off
from .uses import forget as forget_code_uses
from .uses import give_back as give_back_code_use
from .uses import reclaim as reclaim_code_use
from .uses import redeem as redeem_code
from .uses import take as take_code_use

__all__ = [
    "amount_off",
    "bad_code",
    "code_name",
    "create_code",
    "forget_code_uses",
    "give_back_code_use",
    "list_codes",
    "personal_code",
    "quote_code",
    "quote_for",
    "reclaim_code_use",
    "redeem_code",
    "retire_code",
    "take_code_use",
    "update_code",
]
