"""/calendar/<feed>.ics: a person's private feed of their active bookings, for calendar apps to subscribe to.

No token: calendar apps cannot send one. The secret is in the address (see services/bookings/calendar_feed.py)."""

from flask import Response

from main_app.services.bookings import feed_file
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only

blp = Blueprint("calendars", __name__, description="Calendar feeds")


@blp.route("/calendar/<feed>.ics")
@read_only
@blp.response(200, content_type="text/calendar", description="Every active booking of the account, in ICS.")
@blp.alt_response(404, schema=APIErrorSchema, description="not_found: no such feed, or it was replaced.")
def feed(feed):
    """A calendar feed (its address comes from GET /auth/me as calendar_feed_url)."""
    # Calendar apps poll: a few minutes of caching spares the database, private since the address is a secret.
    headers = {"Cache-Control": "private, max-age=300"}
    return Response(feed_file(feed), mimetype="text/calendar", headers=headers)
