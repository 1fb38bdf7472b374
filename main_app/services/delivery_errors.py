"""What the dispatcher needs to know of a failed hand-over, whichever channel (CRM or email) it was on."""


class DeliveryError(Exception):
    """A message was not handed over.

    transient: a later try may succeed (rescheduled); otherwise the message is dead at once.
    configuration: our own settings are wrong (a refused token or SMTP login), shown as such to operators.
    unreachable: the other side could not be reached at all, so messages that waited for it go as soon as it is back.
    accepted: the other side took the message but its answer was unreadable; it counts as delivered.
    retry_after: seconds the other side asked us to wait, if it said.
    """

    transient = True
    configuration = False
    unreachable = False
    accepted = False
    retry_after: float | None = None
