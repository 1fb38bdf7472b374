"""A teacher's calendar address never makes the server reach inside: in production an address whose host is (or
resolves to) loopback, a private network, link-local (a cloud's metadata service) or otherwise not on the public
internet is refused when linked, and refused again before each read or write, with no request made; a redirect of
an iCal address is not followed there."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from main_app.services.calendar_sync.remote import CalendarError, Link, read_busy, refuse_private_host, write_entries
from tests.main_app.services.studios.conftest import make_team  # noqa: F401  (a fixture, used by name)

INSIDE = [
    "https://127.0.0.1/cal.ics",
    "https://localhost:5432/",
    "https://10.1.2.3/dav/",
    "https://192.168.0.10/dav/",
    "https://169.254.169.254/latest/meta-data/",
    "https://[::1]/cal.ics",
    "https://[fd00::1]/cal.ics",
    "https://0.0.0.0/cal.ics",
]


@pytest.mark.parametrize("url", INSIDE)
def test_an_address_inside_is_refused(url):
    with pytest.raises(CalendarError, match="not on the public internet"):
        refuse_private_host(url)


def test_a_public_address_passes_and_a_name_that_cannot_be_found_is_refused():
    refuse_private_host("https://93.184.216.34/calendar.ics")
    refuse_private_host("https://[2606:4700:4700::1111]/dav/")
    with pytest.raises(CalendarError, match="cannot be found"):
        refuse_private_host("https://no-such-host.invalid/cal.ics")


def test_production_reads_and_writes_nothing_inside():
    """Refused before any request: nothing listens at the address, and the refusal says why, not that it failed."""
    since = datetime.now(UTC)
    for kind in ("caldav", "ical"):
        link = Link(kind, "http://127.0.0.1:9/cal/", "meera", "secret", require_tls=True)
        with pytest.raises(CalendarError, match="not on the public internet"):
            read_busy(link, since, since + timedelta(days=1), ZoneInfo("Asia/Kolkata"))
    with pytest.raises(CalendarError, match="not on the public internet"):
        write_entries(Link("caldav", "http://127.0.0.1:9/cal/", "m", "s", require_tls=True), [], since)


def test_linking_an_address_inside_is_refused_in_production(app, make_team, assert_error):  # noqa: F811
    team = make_team()
    app.config["APP_ENV"] = "production"  # only the check reads it here; the kept app's config is put back
    answer = team.clients["instructor"].put(
        f"/api/studios/{team.slug}/my-calendar", json={"kind": "ical", "url": "https://169.254.169.254/latest/cal.ics"}
    )
    assert_error(answer, 400, "validation_error", "url")
