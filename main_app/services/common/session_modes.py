"""Where a session is held: in person (at its event's location), online (by its video link) or both."""

from flask import current_app

IN_PERSON, ONLINE, HYBRID = "in_person", "online", "hybrid"
SESSION_MODES = (IN_PERSON, ONLINE, HYBRID)
BY_VIDEO = (ONLINE, HYBRID)  # the modes whose people join by the video link


def join_url(booking, session) -> str | None:
    """The web app's join page of an active booking of an online or hybrid session (it checks the booking, then
    opens the video link: a forwarded address opens nothing for anyone else); None otherwise."""
    if booking.status != "active" or session.mode not in BY_VIDEO:
        return None
    return f"{current_app.config['PUBLIC_WEB_URL'].rstrip('/')}/join/{booking.id}"
