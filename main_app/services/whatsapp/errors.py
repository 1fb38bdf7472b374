"""How handing a WhatsApp message over failed, in the lane's terms (delivery.outcomes.DeliveryError)."""

import re

from main_app.delivery import HandOverError


class WhatsAppError(HandOverError):
    """The message was not accepted (see HandOverError); phone numbers are masked, and no text of ours carries the
    access token."""

    MASK = re.compile(r"\+?\d{10,15}")
    HIDDEN = "[number]"


# Meta's codes for a message the person's number cannot get (its error codes page): not on WhatsApp or not taking it
# (131026), outside the 24 hours (131047), held back by Meta (131049, 130472), marketing stopped by the person
# (131050), and our number not registered (133010). Given up on with one of them, news falls back to a text or email.
UNDELIVERABLE = frozenset({130472, 131026, 131047, 131049, 131050, 133010})
META_CODE = re.compile(r"\(code (\d+)\)")  # as transport.refusal writes Meta's code into the error


def meta_code(error: str) -> int | None:
    """Meta's error code in the text of a refusal, None when it names none."""
    found = META_CODE.search(error)
    return int(found[1]) if found else None
