"""What the room-option tests share: the demo retreat's prices and finding an option by name."""

PRIVATE, TWIN = 6_000_000, 4_500_000  # ₹60,000 and ₹45,000 a seat


def option_named(session: dict, name: str) -> dict:
    """The option of a session's JSON with this name."""
    return next(option for option in session["options"] if option["name"] == name)
