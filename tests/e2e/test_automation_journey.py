"""A studio's automation in real Chromium against the real services and dispatcher: the owner puts an intro offer on
sale, starts from the "Intro offer follow-up" template on Automations and switches it on; a new client buys the
offer on the class's page and pays on the test checkout; the owner records the client's marketing consent in the
client book. Time passes (the day's wait, then the three days'): the timers lane walks the client through the steps,
and the follow-up email arrives in the mailbox with the studio's words. The owner reads the figures (entered 1,
finished 1) and the people in it; at 1280 and 390 px, axe and no spill.

The module has a stack of its own: quiet hours off (AUTOMATION_QUIET_START = AUTOMATION_QUIET_END = 0), so the
messages go whatever the hour the test runs at, and pages on PUBLIC_WEB_URL's origin, where the checkout sends the
buyer back. Time passes as the other journeys make it: the automation's entries' due times and its runs' timer rows
are written to now in the stack's database."""

import re
import uuid
from datetime import timedelta

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases, wait_for
from playwright.sync_api import Page, expect
from sqlalchemy import select, update
from test_family_journey import axe_source, looks_right  # noqa: F401 (axe_source is a fixture)
from test_journeys import register
from test_mailbox_and_reset import open_mail
from test_payments_journey import on_public_origin
from test_studio_desk_journey import PHONE, Studio, staff_page
from test_studio_team_journey import make_studio

from main_app.models import CHANNEL_EMAIL, CHANNEL_TIMERS, AutomationEntry, AutomationStepDone, OutboxMessage, utcnow

pytestmark = pytest.mark.e2e
TEMPLATE = "Intro offer follow-up"  # wait 1 day, not booked since?, WhatsApp, wait 3 days, not booked since?, email
PRICE = "₹999"
# The switch's name: its state in words ("Switched on" or "Switched off") and the automation's name.
SWITCH = re.compile(rf"^Switched (on|off): {re.escape(TEMPLATE)}$")


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates):
    """This module's own stack, on SQLite with the demo data, without quiet hours; new_page opens pages on it."""
    folder = tmp_path_factory.mktemp("automation-stack")
    databases = sqlite_stack_databases(db_templates, folder)
    quiet = {"AUTOMATION_QUIET_START": "0", "AUTOMATION_QUIET_END": "0"}
    stack = launch_stack(databases, folder, free_port_number, web=True, **quiet)
    yield on_public_origin(stack)
    stack.stop()


def put_intro_offer_on_sale(owner: Page, name: str) -> None:
    """From the staff bar's Passes: a 3-class pack for people new to the studio, covering all its classes."""
    staff_page(owner, "Passes")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Passes")
    form = owner.get_by_role("region", name="A new pass")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Classes").fill("3")
    form.get_by_label("Valid for (days)").fill("14")
    form.get_by_label("Price").fill("999")
    form.get_by_label("Intro offer: only for people new to you").check()
    form.get_by_role("button", name="Put it on sale").click()
    expect(owner.get_by_text(f"{name} is on sale.")).to_be_visible()


def switch_on_from_the_template(owner: Page) -> int:
    """From the staff bar's Automations: the template's copy, made off, switched on; its id."""
    staff_page(owner, "Automations")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Automations")
    templates = owner.get_by_role("region", name="Start from a template")
    offer = templates.get_by_role("listitem").filter(has=owner.get_by_role("heading", name=TEMPLATE))
    expect(offer).to_contain_text("When: Intro offer bought · 6 steps")
    offer.get_by_role("button", name=f"Use “{TEMPLATE}”").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(TEMPLATE)
    expect(owner.get_by_text("Made from the template, switched off.")).to_be_visible()
    switch = owner.get_by_role("switch", name=SWITCH)
    expect(switch).not_to_be_checked()
    switch.click()  # not check(): the switch shows on once the server says so
    expect(switch).to_be_checked()
    expect(owner.get_by_role("region", name="Switch and figures")).to_contain_text("Switched on")
    return int(re.search(r"automation=(\d+)", owner.url)[1])


def buy_on_the_class_page(client: Page, studio: Studio, title: str, offer: str) -> None:
    """The new client finds the class on the studio's page, buys the intro offer there and pays on the checkout."""
    client.goto(f"/studios/{studio.slug}")
    client.get_by_role("region", name="Upcoming events").get_by_role("link", name=title).click()
    expect(client.get_by_role("heading", level=1)).to_have_text(title)
    card = client.get_by_role("region", name="Passes").get_by_role("article", name=offer)
    expect(card).to_contain_text("For people new to these classes.")
    card.get_by_role("button", name=f"Buy for {PRICE}").click()
    client.get_by_role("button", name=f"Pay {PRICE}", exact=True).click()
    expect(client.get_by_text("Payment received: your pass is ready.")).to_be_visible()
    expect(client.get_by_role("main").get_by_role("article", name=offer)).to_contain_text("3 of 3 credits left")


def record_consent(owner: Page, stack, studio: Studio, client_name: str) -> None:
    """The client is in the client book once the purchase's news reaches it; the owner records their consent, given
    at the desk."""
    url = f"{stack.crm_url}/api/studios/{studio.slug}/clients"

    def in_the_book() -> bool:
        answer = stack.http.get(url, headers=studio.headers, timeout=10)
        return answer.status_code == 200 and answer.json()["total"] == 1

    wait_for(in_the_book, 30, interval=0.2, message="the buyer in the client book")
    staff_page(owner, "Clients")
    owner.get_by_role("link", name=client_name, exact=True).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(client_name)
    owner.get_by_role("button", name="Record consent").click()
    owner.get_by_label("Consent given").check()
    owner.get_by_label("How").fill("Ticked the box on the welcome form")
    owner.get_by_role("button", name="Record consent").click()
    expect(owner.get_by_role("region", name="Marketing consent")).to_contain_text("Ticked the box on the welcome form")


def the_entry(stack, automation_id: int) -> list[dict]:
    """The automation's entries: where each stands."""
    return stack.rows(
        select(AutomationEntry.id, AutomationEntry.step, AutomationEntry.state).where(
            AutomationEntry.automation_id == automation_id
        )
    )


def entry_comes_to(stack, automation_id: int, state: str, step: int | None = None) -> dict:
    """Wait until its one entry is in state (at step, if given: the run before wrote its wait and the run that
    follows); on timeout, say where it stands and what the automation's runs last failed on."""
    message = f"the entry {state}" + (f" at step {step + 1}" if step is not None else "")

    def there() -> list[dict]:
        entries = the_entry(stack, automation_id)
        return [e for e in entries if e["state"] == state and (step is None or e["step"] == step)]

    try:
        return wait_for(there, timeout=60, message=message)[0]
    except pytest.fail.Exception:
        failed = stack.rows(
            select(OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.last_error).where(
                OutboxMessage.channel == CHANNEL_TIMERS,
                OutboxMessage.type == "automation_run",
                OutboxMessage.payload["automation_id"].as_integer() == automation_id,
                OutboxMessage.last_error.is_not(None),
            )
        )
        now = the_entry(stack, automation_id)
        pytest.fail(f"{message}: not within 60 s; the entries now {now}; its runs that failed {failed}", pytrace=False)


def the_wait_is_over(stack, automation_id: int) -> None:
    """Time passes: the waiting entries of the automation, and its runs still to come, are due now."""
    now = utcnow() - timedelta(seconds=1)
    runs = update(OutboxMessage).where(
        OutboxMessage.channel == CHANNEL_TIMERS,
        OutboxMessage.type == "automation_run",
        OutboxMessage.status == "pending",
        OutboxMessage.payload["automation_id"].as_integer() == automation_id,
    )
    stack.write(
        update(AutomationEntry)
        .where(AutomationEntry.automation_id == automation_id, AutomationEntry.state == "waiting")
        .values(due_at=now),
        runs.values(next_attempt_at=now),
    )


def the_email_went(stack, to: str) -> bool:
    """Whether the automation's marketing email to that address has been delivered (to the stack's mail folder)."""
    sent = stack.rows(
        select(OutboxMessage.status, OutboxMessage.payload).where(
            OutboxMessage.channel == CHANNEL_EMAIL, OutboxMessage.type == "marketing_email"
        )
    )
    return any(row["status"] == "delivered" and row["payload"]["snapshot"]["to"]["email"] == to for row in sent)


def reads_the_figures(owner: Page, axe_source: str, screenshot, client_name: str) -> None:  # noqa: F811
    """The list's figures, the people in it, at 1280 px and on a phone. The owner comes back to the page days later
    (a fresh load: within 15 s the app would show one automation's figures and people as it last read them)."""
    owner.goto("/facilitator/automations")
    row = owner.get_by_role("listitem").filter(has=owner.get_by_role("heading", name=TEMPLATE))
    figures = row.get_by_label(f"Figures of {TEMPLATE}")
    for label, count in (("Entered", "1"), ("Waiting", "0"), ("Finished", "1"), ("Left", "0")):
        expect(figures.get_by_text(label, exact=True).locator("xpath=following-sibling::dd")).to_have_text(count)
    expect(row.get_by_role("switch", name=SWITCH)).to_be_checked()
    looks_right(owner, axe_source)
    screenshot(owner, "automations-desktop")

    row.get_by_role("link", name=TEMPLATE).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(TEMPLATE)
    summary = owner.get_by_role("region", name="Switch and figures")
    expect(summary.get_by_text("Finished", exact=True).locator("xpath=following-sibling::dd")).to_have_text("1")
    people = owner.get_by_role("table", name=f"People in {TEMPLATE}")
    expect(people.get_by_role("row").filter(has_text=client_name)).to_contain_text("Finished")
    looks_right(owner, axe_source)

    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    looks_right(owner, axe_source)
    owner.get_by_role("link", name="All automations").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Automations")
    expect(figures.get_by_text("Finished", exact=True).locator("xpath=following-sibling::dd")).to_have_text("1")
    looks_right(owner, axe_source)
    owner.get_by_role("heading", name="The studio's automations").evaluate("heading => heading.scrollIntoView()")
    screenshot(owner, "automations-phone")


def test_an_intro_offer_buyer_gets_the_automations_follow_up_email(
    new_page,
    web_stack,
    screenshot,
    axe_source,  # noqa: F811
):
    stack, tag = web_stack, uuid.uuid4().hex[:8]
    studio_name, offer, title = f"Banyan Studio {tag}", f"Intro fortnight {tag}", f"Gentle Hatha {tag}"
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email := f"tara-{tag}@example.com")
    make_studio(owner, studio_name)
    studio = Studio(stack, owner_email)
    studio.add_class(title)
    put_intro_offer_on_sale(owner, offer)
    automation_id = switch_on_from_the_template(owner)

    # A new client buys the intro offer: they enter the automation, and wait out its first day.
    client_name, client_email = "Asha Verma", f"asha-{tag}@example.com"
    client = new_page(width=1280, height=1000)
    register(client, client_name, client_email)
    buy_on_the_class_page(client, studio, title, offer)
    entry_comes_to(stack, automation_id, "waiting", 1)  # its first run: a day's wait
    record_consent(owner, stack, studio, client_name)

    # A day passes: not booked since, the WhatsApp line (they have no WhatsApp: done, nothing sent), then 3 days' wait.
    the_wait_is_over(stack, automation_id)
    entry = entry_comes_to(stack, automation_id, "waiting", 4)
    # Three more days: still not booked, so the email goes, and they have finished.
    the_wait_is_over(stack, automation_id)
    entry_comes_to(stack, automation_id, "finished")
    done = stack.rows(
        select(AutomationStepDone.step, AutomationStepDone.outcome)
        .where(AutomationStepDone.entry_id == entry["id"])
        .order_by(AutomationStepDone.step)
    )
    outcomes = ["waited", "done", "done", "waited", "done", "done"]
    assert [(d["step"], d["outcome"]) for d in done] == list(enumerate(outcomes)), done

    # The follow-up in the client's mailbox, in the template's words with the studio's name and theirs.
    wait_for(lambda: the_email_went(stack, client_email), timeout=60, message="the follow-up email delivered")
    open_mail(client, re.compile(re.escape(f"Your intro offer is waiting at {studio_name}")), to=client_email)
    client.get_by_role("button", name="Plain text").click()
    text = client.locator("pre.mail-text")
    expect(text).to_contain_text("Hi Asha,")
    expect(text).to_contain_text("Your intro offer is ready to use. Pick a class that suits you.")
    expect(text).to_contain_text(re.compile(r"https?://\S+/unsubscribe\?\S+"))

    reads_the_figures(owner, axe_source, screenshot, client_name)
