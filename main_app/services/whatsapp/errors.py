"""How handing a WhatsApp message over failed, in the lane's terms (delivery.outcomes.DeliveryError)."""

import re

from main_app.delivery import HandOverError


class WhatsAppError(HandOverError):
    """The message was not accepted (see HandOverError); phone numbers are masked, and no text of ours carries the
    access token."""

    MASK = re.compile(r"\+?\d{10,15}")
    HIDDEN = "[number]"
