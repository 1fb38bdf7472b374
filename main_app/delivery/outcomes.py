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


def describe(exc: BaseException) -> str:
    """An exception as a short line for the outbox row, its attempt log and our logs: its type and the first line
    of its text (a database error's later lines quote the statement and its parameters, people's data among them)."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"[:300]


class UnexpectedFailure(DeliveryError):
    """Something no channel expects went wrong with a message (one it cannot compose, a fault of ours): dead at once
    unless transient (a round that failed as a whole is tried again on the schedule)."""

    def __init__(self, exc: BaseException, *, transient: bool = False):
        super().__init__(describe(exc))
        self.transient = transient
