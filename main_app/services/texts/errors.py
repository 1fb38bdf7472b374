"""How handing a text over failed, in the lane's terms (delivery.outcomes.DeliveryError)."""

import re

from ...delivery.outcomes import DeliveryError

NUMBER = re.compile(r"\+?\d{6,15}")


class TextError(DeliveryError):
    """The text was not accepted; transient: a later try may succeed; configuration: our settings are wrong;
    unreachable: the provider could not be reached at all. Numbers are masked: the message goes to logs."""

    def __init__(
        self,
        message: str,
        *,
        transient: bool,
        code: int | None = None,
        configuration: bool = False,
        unreachable: bool = False,
        retry_after: float | None = None,
    ):
        super().__init__(NUMBER.sub("[number]", message))
        self.transient = transient
        self.code = code
        self.configuration = configuration
        self.unreachable = unreachable
        self.retry_after = retry_after
