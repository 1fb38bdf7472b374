"""A code made for one person (an automation's step): one use, for a while, with a name nobody guesses; written in
the caller's transaction."""

import secrets
from datetime import datetime, timedelta

from ...extensions import db
from ...models import APPLIES_BOTH, CODE_ACTIVE, DiscountCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def code_name() -> str:
    """A name for a personal code: FOR- and eight characters nobody guesses."""
    return "FOR-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def personal_code(studio_id: int, made_by: int, percent_off: int, valid_days: int, now: datetime, name: str) -> str:
    """A new code of the studio's named name, good once for percent_off until valid_days from now; its name."""
    db.session.add(
        DiscountCode(
            facilitator_id=made_by,
            studio_id=studio_id,
            code=name,
            percent_off=percent_off,
            max_uses=1,
            max_uses_per_person=1,
            uses=0,
            valid_from=now,
            valid_until=now + timedelta(days=valid_days),
            applies_to=APPLIES_BOTH,
            status=CODE_ACTIVE,
            created_at=now,
        )
    )
    return name
