"""A facilitator of a test's own on the shared stack, so the test leaves the demo's priya, kavya and arjun (whom the
page walks and the docs' pictures show) as they were."""

from playwright.sync_api import Page, expect

PASSWORD = "password123"


class OwnFacilitator:
    """A new facilitator (no events yet; their studio, named after them, comes with their first event) and their part
    of the API."""

    def __init__(self, stack, name: str):
        self.stack = stack
        self.email = stack.add_facilitator(name, PASSWORD)
        self.id, self.headers = stack.login_as(self.email, PASSWORD)

    def call(self, method: str, path: str, **kwargs):
        """A call to /api/facilitator/<their id><path> as them."""
        url = f"{self.stack.main_url}/api/facilitator/{self.id}{path}"
        return self.stack.http.request(method, url, headers=self.headers, timeout=10, **kwargs)

    def log_in(self, page: Page) -> None:
        """Sign them in on the facilitator login page: their events are shown."""
        log_in_as_facilitator(page, self.email, PASSWORD)


def log_in_as_facilitator(page: Page, login: str, password: str) -> None:
    page.goto("/facilitator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Facilitator login")
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")
