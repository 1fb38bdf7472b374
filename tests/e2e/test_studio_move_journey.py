"""A studio moves between owners' studios in real Chromium against the real services: the first studio's export,
taken through its one-use link, is uploaded on the second's settings page (through nginx, as a ZIP body), written on
the timers lane with its progress shown, and the second studio then sells the first's pass. Pictures at desk and
phone widths, axe clean."""

import uuid

import pytest
from live_stack import wait_for
from playwright.sync_api import expect
from site_pages import spills
from test_accessibility import AXE, violations
from test_journeys import register
from test_studio_desk_journey import Studio, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def exported(stack, studio: Studio) -> bytes:
    """The studio's export, written by the stack's timers lane and taken once through its link."""
    job = studio.call("POST", f"/api/studios/{studio.slug}/exports", json={}).json()

    def ready() -> bool:
        return studio.call("GET", f"/api/studios/{studio.slug}/exports/{job['id']}").json()["status"] == "ready"

    wait_for(ready, 60, interval=0.2, message="the export written")
    taken = stack.http.get(job["download_url"], timeout=30)
    assert taken.status_code == 200 and taken.headers["Content-Type"] == "application/zip", taken.text[:200]
    return taken.content


def test_an_owner_moves_a_studio_here_from_its_export(new_page, web_stack, axe_source, screenshot):
    tag = uuid.uuid4().hex[:8]
    first_email, second_email = f"tara-{tag}@example.com", f"uma-{tag}@example.com"
    first = new_page(width=1280, height=1000)
    register(first, "Tara Owner", first_email)
    make_studio(first, f"Old Hall {tag}")
    old = Studio(web_stack, first_email)
    old.add_pass(f"Moving Pack {tag}")
    old.add_class(f"Morning Flow {tag}")
    archive = exported(web_stack, old)

    owner = new_page(width=1280, height=1000)
    register(owner, "Uma Owner", second_email)
    make_studio(owner, f"New Hall {tag}")
    staff_page(owner, "Settings")
    expect(owner.get_by_role("heading", name="Move a studio here")).to_be_visible()
    owner.get_by_label("Studio export (ZIP)").set_input_files(
        {"name": "studio-export.zip", "mimeType": "application/zip", "buffer": archive}
    )
    owner.get_by_role("button", name="Import the export").click()
    # The import is a job the page polls: on a machine busy with other browsers it outlasts one step's 5 s.
    expect(owner.get_by_text("Imported: the studio now holds what the export held.")).to_be_visible(timeout=30_000)
    written = owner.get_by_role("list", name="Rows written")
    expect(written.get_by_role("listitem")).to_have_text(["Events: 1", "Sessions: 1", "Passes on sale: 1"])
    assert not violations(owner, axe_source)
    written.scroll_into_view_if_needed()
    screenshot(owner, "studio-move-done")
    owner.set_viewport_size(PHONE)
    assert not spills(owner) and not violations(owner, axe_source)

    new = Studio(web_stack, second_email)
    products = new.call("GET", f"/api/studios/{new.slug}/passes").json()["items"]
    assert [product["name"] for product in products] == [f"Moving Pack {tag}"]
    again = web_stack.http.post(
        f"{web_stack.main_url}/api/studios/{new.slug}/studio-imports",
        data=archive,
        headers={**new.headers, "Content-Type": "application/zip"},
        timeout=30,
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "studio_not_empty")
