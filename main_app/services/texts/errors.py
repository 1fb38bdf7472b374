"""How handing a text over failed, in the lane's terms (delivery.outcomes.DeliveryError)."""

import re

from main_app.delivery import HandOverError


class TextError(HandOverError):
    """The text was not accepted (see HandOverError); phone numbers are masked."""

    MASK = re.compile(r"\+?\d{6,15}")
    HIDDEN = "[number]"
