"""The room option a booking names, as its emails and CRM messages show it, and the child of the family it is for."""

from ...extensions import db
from ...models import Dependent, SessionOption


def booked_option(booking) -> dict | None:
    """{"id", "name"} of the booking's room option, or None without one; booking may be a model or a row with
    option_id (and option_name, when the caller read it already)."""
    option_id = getattr(booking, "option_id", None)
    if option_id is None:
        return None
    name = getattr(booking, "option_name", None) or db.session.get(SessionOption, option_id).name
    return {"id": option_id, "name": name}


def booked_child(booking) -> dict | None:
    """{"id", "name"} of the child of the booker's family a booking is for, or None for the booker's own; booking may
    be a model or a row with dependent_id."""
    return child_named(getattr(booking, "dependent_id", None))


def child_named(dependent_id: int | None) -> dict | None:
    """{"id", "name"} of the child dependent_id, or None for None."""
    if dependent_id is None:
        return None
    return {"id": dependent_id, "name": db.session.get(Dependent, dependent_id).name}
