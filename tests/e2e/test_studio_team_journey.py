"""A studio as a team in the web app, against the real services: someone makes a studio, invites an instructor from
Members, and the instructor, new here, follows the email's link, registers, comes back to it and accepts; the
staff area then shows each of them the pages their role allows."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from test_journeys import register
from test_mailbox_and_reset import open_mail

pytestmark = pytest.mark.e2e


def staff_links(page: Page) -> list[str]:
    return page.get_by_role("navigation", name="Staff").get_by_role("link").all_inner_texts()


def make_studio(page: Page, name: str) -> None:
    page.goto("/facilitator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not available for this account")
    # The navbar's way in, for anyone signed in without a studio; the page's own link goes to the same form.
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Create a studio")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Create a studio").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Country").fill("IN")
    page.get_by_role("button", name="Create the studio").click()
    expect(page.get_by_text(f"{name} is ready, and you are its owner.")).to_be_visible()


def test_an_owner_invites_an_instructor_who_registers_and_accepts(new_page, screenshot):
    tag = uuid.uuid4().hex[:8]
    studio, newcomer = f"Amber Hall {tag}", f"ravi-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", f"tara-{tag}@example.com")
    make_studio(owner, studio)
    expect(owner.locator(".staff-bar")).to_contain_text(studio)
    assert "Members" in staff_links(owner) and "My teaching" not in staff_links(owner)

    owner.get_by_role("navigation", name="Staff").get_by_role("link", name="Members").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Members")
    expect(owner.get_by_role("row").filter(has_text="Tara Owner (you)")).to_contain_text("Owner")
    owner.get_by_label("Email").fill(newcomer)
    owner.get_by_label("Role", exact=True).select_option("instructor")
    owner.get_by_role("button", name="Send the invitation").click()
    expect(owner.get_by_text(f"Invitation sent to {newcomer}: they join as an instructor")).to_be_visible()
    invitations = owner.get_by_role("region", name="Open invitations")
    expect(invitations.get_by_role("row").filter(has_text=newcomer)).to_contain_text("Tara Owner")
    screenshot(owner, "studio-members")

    stray = f"stray-{tag}@example.com"  # sent to the wrong address, and withdrawn
    owner.get_by_label("Email").fill(stray)
    owner.get_by_label("Role", exact=True).select_option("front_desk")
    owner.get_by_role("button", name="Send the invitation").click()
    invitations.get_by_role("button", name=f"Withdraw the invitation to {stray}").click()
    owner.get_by_role("dialog").get_by_role("button", name="Yes, withdraw").click()
    expect(invitations.get_by_text(f"The invitation to {stray} is withdrawn")).to_be_visible()
    expect(invitations.get_by_role("row").filter(has_text=stray)).to_have_count(0)
    owner.set_viewport_size({"width": 390, "height": 844})
    expect(invitations.get_by_role("button", name=f"Withdraw the invitation to {newcomer}")).to_be_visible()
    screenshot(owner, "studio-members-phone", full_page=True)
    owner.set_viewport_size({"width": 1280, "height": 1000})

    guest = new_page()
    open_mail(guest, re.compile("invited to join .+ on Sessions"), to=newcomer)
    guest.get_by_role("button", name="Plain text").click()
    link = re.search(r"https?://\S+/invitations/\S+", guest.locator("pre.mail-text").inner_text()).group(0)
    guest.goto(link)
    expect(guest.get_by_role("heading", level=1)).to_have_text("Join a studio")
    expect(guest.get_by_text(f"Tara Owner invited you to join {studio} as an instructor.")).to_be_visible()
    screenshot(guest, "invitation-page")
    guest.set_viewport_size({"width": 390, "height": 844})
    screenshot(guest, "invitation-page-phone")
    guest.set_viewport_size({"width": 1280, "height": 860})
    guest.get_by_role("link", name="Create an account").click()
    expect(guest.get_by_label("Email")).to_have_value(newcomer)  # the invited address, filled in
    guest.get_by_label("Name", exact=True).fill("Ravi Iyer")
    guest.get_by_label("Password").fill("a-long-passphrase")
    guest.get_by_role("button", name="Create account").click()
    # Back on the invitation signed in: the page settles on the new session before its button is pressed (a press
    # while it re-renders for the session is lost).
    expect(guest.get_by_text("You are signed in as Ravi Iyer")).to_be_visible()
    guest.get_by_role("button", name="Accept the invitation").click()
    welcome = guest.get_by_text(f"Welcome to {studio}: you are an instructor there now.")
    expect(welcome).to_be_visible(timeout=15_000)  # a busy machine's accept and the studio's first load
    guest.get_by_role("link", name=f"Go to {studio}").click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("My events")
    # clients.own: the people they teach; reports.own: their own pay
    assert staff_links(guest) == ["Events", "My teaching", "Privates", "Clients", "Reports"]

    guest.goto(link)  # the same link again: spent, said before anything is clicked
    expect(guest.get_by_role("alert")).to_contain_text("already been used")
    expect(guest.get_by_role("button", name="Accept the invitation")).to_have_count(0)
