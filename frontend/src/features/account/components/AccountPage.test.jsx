import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, reply, NO_FAMILY } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { copiedText, copyByHand, feedExplanation } from "../wording.js";

const FEED = "https://main.example.com/calendars/7-0123456789abcdef0123456789abcdef.ics";
const NEW_FEED = "https://main.example.com/calendars/7-fedcba9876543210fedcba9876543210.ics";

const accountOf = (who, feed = FEED) => ({ ...USERS[who], created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, calendar_feed_url: feed });

function accountApi(who = "user", more = {}) {
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
    "GET main /auth/me": () => ok(accountOf(who)),
    "POST main /auth/calendar-feed": () => ok({ calendar_feed_url: NEW_FEED }),
    ...more,
  });
}

function renderAccount(api = accountApi(), as = "user") {
  return renderApp(<AccountPage />, { route: paths.account, api, as });
}

const feedField = () => screen.getByRole("textbox", { name: "Feed address" });
const feedSection = () => screen.getByRole("region", { name: "Calendar feed" });

let restoreClipboard = null;

/** Replaces the clipboard user-event installs (or takes it away with undefined) for one test. */
function useClipboard(clipboard) {
  const original = Object.getOwnPropertyDescriptor(window.navigator, "clipboard");
  restoreClipboard = () => (original ? Object.defineProperty(window.navigator, "clipboard", original) : delete window.navigator.clipboard);
  Object.defineProperty(window.navigator, "clipboard", { value: clipboard, configurable: true, writable: true });
}

describe("AccountPage", () => {
  afterEach(() => {
    restoreClipboard?.();
    restoreClipboard = null;
    vi.restoreAllMocks();
  });

  it("shows the person's name, email and role, and their calendar feed's address read-only", async () => {
    const api = accountApi();
    renderAccount(api);
    expect(screen.getByRole("heading", { level: 1, name: "Your account" })).toBeInTheDocument();
    expect(document.title).toBe("Your account · Sessions & Retreats");
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(details).toHaveTextContent("NameAsha Verma");
    expect(details).toHaveTextContent("Emailasha@example.com");
    expect(details).toHaveTextContent("RoleUser");
    expect(feedField()).toHaveValue(FEED);
    expect(feedField()).toHaveAttribute("readonly");
    expect(feedField()).toHaveAccessibleDescription(feedExplanation());
    expect(within(feedSection()).getByText(feedExplanation())).toBeInTheDocument();
    expect(api.callsTo("GET main /auth/me")[0].headers.Authorization).toBe(`Bearer ${readSession().token}`);
  });

  it("works for a facilitator too", async () => {
    renderAccount(accountApi("facilitator"), "facilitator");
    expect(await screen.findByRole("region", { name: "Your details" })).toHaveTextContent("RoleFacilitator");
    expect(feedField()).toHaveValue(FEED);
  });

  it("copies the address and says so", async () => {
    const { user } = renderAccount();
    await screen.findByRole("textbox", { name: "Feed address" });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await within(feedSection()).findByText(copiedText())).toBeInTheDocument();
    expect(await window.navigator.clipboard.readText()).toBe(FEED);
  });

  it("asks to copy by hand, with the address selected, when the browser has no clipboard", async () => {
    const { user } = renderAccount();
    await screen.findByRole("textbox", { name: "Feed address" });
    useClipboard(undefined);
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await within(feedSection()).findByText(copyByHand())).toBeInTheDocument();
    expect(feedField()).toHaveFocus();
    expect([feedField().selectionStart, feedField().selectionEnd]).toEqual([0, FEED.length]);
    expect(within(feedSection()).queryByText(copiedText())).not.toBeInTheDocument();
  });

  it("asks to copy by hand when the browser refuses to copy", async () => {
    const { user } = renderAccount();
    await screen.findByRole("textbox", { name: "Feed address" });
    useClipboard({ writeText: vi.fn(() => Promise.reject(new DOMException("Denied", "NotAllowedError"))) });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await within(feedSection()).findByText(copyByHand())).toBeInTheDocument();
  });

  it("makes a new link after confirmation and shows it", async () => {
    const api = accountApi();
    const { user } = renderAccount(api);
    await screen.findByRole("textbox", { name: "Feed address" });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    await user.click(screen.getByRole("button", { name: "Make a new link" }));

    const dialog = screen.getByRole("dialog", { name: "Make a new link?" });
    expect(dialog).toHaveTextContent("stops working");
    expect(within(dialog).getByRole("button", { name: "Keep this link" })).toHaveFocus();
    expect(api.callsTo("POST main /auth/calendar-feed")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Make a new link" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const [call] = api.callsTo("POST main /auth/calendar-feed");
    expect(call.body).toBeUndefined();
    expect(call.headers.Authorization).toBe(`Bearer ${readSession().token}`);
    expect(feedField()).toHaveValue(NEW_FEED);
    const message = within(feedSection()).getByText(/This is your new link; the old one no longer works\./);
    expect(message.closest(".outcome")).toHaveFocus();
    expect(within(feedSection()).queryByText(copiedText())).not.toBeInTheDocument(); // that was the old address
    expect(api.callsTo("GET main /auth/me")).toHaveLength(1);
  });

  it("keeps the link when the person changes their mind", async () => {
    const api = accountApi();
    const { user } = renderAccount(api);
    await screen.findByRole("textbox", { name: "Feed address" });
    await user.click(screen.getByRole("button", { name: "Make a new link" }));
    await user.click(screen.getByRole("button", { name: "Keep this link" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST main /auth/calendar-feed")).toHaveLength(0);
    expect(feedField()).toHaveValue(FEED);
  });

  it("shows why a new link could not be made, keeping the old one", async () => {
    const api = accountApi("user", { "POST main /auth/calendar-feed": () => apiError(500, "internal_error", "Something went wrong on our side.") });
    const { user } = renderAccount(api);
    await screen.findByRole("textbox", { name: "Feed address" });
    await user.click(screen.getByRole("button", { name: "Make a new link" }));
    const dialog = screen.getByRole("dialog", { name: "Make a new link?" });
    await user.click(within(dialog).getByRole("button", { name: "Make a new link" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The link was not replaced. Something went wrong on our side.");
    expect(feedField()).toHaveValue(FEED);
    expect(screen.queryByText(/This is your new link/)).not.toBeInTheDocument();
  });

  it("shows why the account could not be loaded, and tries again", async () => {
    let fail = true;
    const api = accountApi("user", {
      "GET main /auth/me": () => (fail ? reply(503, { error: { code: "unavailable", message: "The service is busy. Try again soon.", details: {} } }) : ok(accountOf("user"))),
    });
    const { user } = renderAccount(api);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't load your account. The service is busy. Try again soon.");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("textbox", { name: "Feed address" })).toHaveValue(FEED);
  });
});
