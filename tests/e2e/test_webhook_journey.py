"""A studio's webhook in real Chromium against the real services: the owner adds one for bookings made, pointed at
a real HTTP receiver, and copies its signing secret; a client books a class; the dispatcher's webhooks lane delivers
it, signed (the official Standard Webhooks library verifies it); the owner's delivery log shows it delivered. At 1280
and 390 px, axe and no spill on each page."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from live_stack import wait_for
from playwright.sync_api import expect
from standardwebhooks.webhooks import Webhook
from test_family_journey import axe_source, looks_right  # noqa: F401 (axe_source is a fixture)
from test_journeys import register
from test_studio_desk_journey import PASSWORD, Studio
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PHONE = (390, 844)


@pytest.fixture
def receiver():
    """A real HTTP server on a free loopback port keeping every POST: .got [(headers, body)], .url."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.got.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.got = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/studio-hooks"
    yield server
    server.shutdown()
    server.server_close()


def add_webhook(owner, url: str, axe_source: str, screenshot) -> str:  # noqa: F811
    """From the staff bar: a webhook for bookings made; its signing secret, shown once."""
    owner.get_by_role("navigation", name="Staff").get_by_role("link", name="Webhooks").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Webhooks")
    owner.get_by_label("Your tool's address").fill(url)
    owner.get_by_label("What it is (optional)").fill("Front-desk sheet")
    owner.get_by_role("checkbox", name="Booking made", exact=True).check()
    looks_right(owner, axe_source)
    owner.get_by_role("button", name="Add webhook").click()
    secret = owner.get_by_label("Signing secret").input_value()
    assert secret.startswith("whsec_")
    owner.get_by_role("button", name="I have copied it").click()
    return secret


def sees_it_delivered(owner, url: str, axe_source: str, screenshot) -> None:  # noqa: F811
    """The webhook's delivery log: the booking, delivered, answered 204; at 1280 px, then on a phone."""
    owner.reload()
    row = owner.get_by_role("listitem").filter(has=owner.get_by_role("heading", name=url))
    row.get_by_role("button", name="Delivery log").click()
    log = owner.get_by_role("table", name=f"Deliveries to {url}")
    expect(log.get_by_role("row").filter(has_text="Booking made")).to_contain_text("Delivered")
    expect(log).to_contain_text("Answered 204")
    looks_right(owner, axe_source)
    screenshot(owner, "webhooks-desktop")
    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    looks_right(owner, axe_source)
    log.scroll_into_view_if_needed()
    screenshot(owner, "webhooks-phone")


def test_an_owner_adds_a_webhook_and_sees_a_booking_delivered_signed(
    new_page,
    web_stack,
    screenshot,
    axe_source,  # noqa: F811
    receiver,
):
    tag = uuid.uuid4().hex[:8]
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email := f"tara-{tag}@example.com")
    make_studio(owner, f"Hooked Studio {tag}")
    studio = Studio(web_stack, owner_email)
    session_id = studio.add_class(f"Morning Flow {tag}")
    secret = add_webhook(owner, receiver.url, axe_source, screenshot)
    client = new_page(width=1280, height=1000)
    register(client, "Asha Client", client_email := f"asha-{tag}@example.com")
    token = web_stack.login(client_email, PASSWORD)
    booked = web_stack.http.post(
        f"{web_stack.main_url}/bookings/book",
        json={"session_id": session_id},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert booked.status_code == 201, booked.text
    wait_for(lambda: receiver.got, 60, message="the booking's webhook")
    headers, body = receiver.got[0]
    Webhook(secret).verify(body, headers)
    event = json.loads(body)
    assert event["type"] == "booking_created" and event["data"]["booking_id"] == booked.json()["id"]
    sees_it_delivered(owner, receiver.url, axe_source, screenshot)
