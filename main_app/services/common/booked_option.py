"""The room option a booking names, as its emails and CRM messages show it."""

from ...extensions import db
from ...models import SessionOption


def booked_option(booking) -> dict | None:
    """{"id", "name"} of the booking's room option, or None without one; booking may be a model or a row with
    option_id (and option_name, when the caller read it already)."""
    option_id = getattr(booking, "option_id", None)
    if option_id is None:
        return None
    name = getattr(booking, "option_name", None) or db.session.get(SessionOption, option_id).name
    return {"id": option_id, "name": name}
