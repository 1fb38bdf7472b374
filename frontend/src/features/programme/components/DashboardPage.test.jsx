import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { eventTimes } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { ZONE, event, inDays, page, session, storedToken } from "../test-fixtures.js";
import { DashboardPage } from "./DashboardPage.jsx";

const EVENTS = "GET main /api/facilitator/2/events";

const vinyasa = event({
  id: 1,
  title: "Morning Vinyasa Flow",
  sessions: [
    session({ id: 11, starts_at: inDays(2), ends_at: inDays(2, 1), capacity: 10, seats_taken: 3 }),
    session({ id: 12, starts_at: inDays(9), ends_at: inDays(9, 1), capacity: 10, seats_taken: 1 }),
    session({ id: 10, starts_at: inDays(-5), ends_at: inDays(-5, 1), capacity: 10, seats_taken: 2 }),
  ],
});
const retreat = event({
  id: 2,
  title: "Himalayan Silence Retreat",
  kind: "retreat",
  location: "Rishikesh",
  sessions: [session({ id: 20, event_id: 2, starts_at: inDays(20), ends_at: inDays(25), capacity: 20, seats_taken: 0 })],
});
const cancelledEvent = event({
  id: 3,
  title: "Sound Bath",
  status: "cancelled",
  sessions: [session({ id: 30, event_id: 3, status: "cancelled", starts_at: inDays(4), ends_at: inDays(4, 1) })],
});

function renderDashboard(events = [vinyasa, retreat, cancelledEvent], options = {}) {
  const api = fakeApi({ [EVENTS]: () => ok(page(events)), ...options.handlers });
  return renderApp(<DashboardPage />, { route: options.route ?? paths.facilitator, api, as: "facilitator" });
}

describe("DashboardPage", () => {
  it("lists current events with their sessions, counts and manage links", async () => {
    const { api } = renderDashboard();
    expect(screen.getByRole("heading", { level: 1, name: "My events" })).toBeInTheDocument();
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(api.callsTo(EVENTS)[0].query).toMatchObject({ page: "1", per_page: "100" });

    expect(screen.getByText("3 events · 3 upcoming sessions · 6 active bookings")).toBeInTheDocument();
    const rows = within(card).getAllByRole("row");
    expect(within(rows[0]).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["When", "Booked", "Seats left", "Status", "Actions"]);
    // Past session hidden by default; upcoming ones soonest first.
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText("3 / 10")).toBeInTheDocument();
    expect(within(rows[1]).getByText("7")).toBeInTheDocument();
    expect(within(rows[1]).getByText("Open")).toBeInTheDocument();
    const manage = within(card).getByRole("link", { name: `Manage session ${eventTimes(inDays(2), inDays(2, 1), ZONE).text}` });
    expect(manage).toHaveAttribute("href", "/facilitator/sessions/11");
    expect(within(rows[1]).getAllByRole("cell")[0]).toHaveTextContent(/ IST\b/);
    expect(card).toHaveTextContent("Times in Asia/Kolkata, IST");
    expect(within(card).getByRole("link", { name: "Edit event" })).toHaveAttribute("href", "/facilitator/events/1");
    expect(within(card).getByRole("link", { name: "Edit event" })).toHaveAccessibleDescription("Morning Vinyasa Flow");
    expect(within(card).getByText("1 past or cancelled session hidden.")).toBeInTheDocument();

    const retreatCard = screen.getByRole("article", { name: "Himalayan Silence Retreat" });
    expect(within(retreatCard).getByText("Retreat")).toHaveClass("pill", "retreat");
    expect(within(retreatCard).getByText("Rishikesh")).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: "Sound Bath" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create event" })).toHaveAttribute("href", "/facilitator/events/new");
    expect(screen.getByRole("link", { name: "Inbox" })).toHaveAttribute("href", "/facilitator/inbox");
    // Delivery figures are a studio's (or the operators'): a facilitator without a studio has none.
    expect(screen.queryByRole("link", { name: "Delivery: CRM, email, texts, payments" })).not.toBeInTheDocument();
    expect(document.title).toBe("My events · Sessions & Retreats");
  });

  it("shows under each paid session what its bookings paid, owe and got back, and nothing under a free one", async () => {
    const paid = event({
      id: 4,
      title: "Paid Retreat",
      sessions: [
        session({ id: 41, event_id: 4, starts_at: inDays(3), ends_at: inDays(3, 2), price: 4_500_000, payments: { paid: 9_000_000, pending: 4_500_000, refunded: 0 } }),
        session({ id: 42, event_id: 4, starts_at: inDays(4), ends_at: inDays(4, 2) }),
      ],
    });
    renderDashboard([paid]);
    const card = await screen.findByRole("article", { name: "Paid Retreat" });
    const [first, second] = within(card).getAllByRole("row").slice(1);
    expect(within(first).getAllByRole("cell")[0].querySelector(".payment-counts")).toHaveTextContent("₹90,000 paid · ₹45,000 pending · ₹0 refunded");
    expect(second.querySelector(".payment-counts")).toBeNull();
  });

  it("shows past and cancelled events and sessions when asked", async () => {
    const { user } = renderDashboard();
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.click(screen.getByRole("checkbox", { name: "Show past and cancelled" }));

    const cancelledCard = screen.getByRole("article", { name: "Sound Bath" });
    expect(within(cancelledCard).getAllByText("Cancelled")[0]).toHaveClass("pill", "cancelled");
    expect(within(cancelledCard).queryByRole("button", { name: "Cancel event" })).not.toBeInTheDocument();
    const card = screen.getByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(card).getAllByRole("row")).toHaveLength(4);
    expect(within(card).getByText("Past")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator?show=all");
  });

  it("shows an empty state with a way to create the first event", async () => {
    renderDashboard([]);
    expect(await screen.findByText("You have no events yet.")).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "Create event" })).toHaveLength(1);
  });

  it("shows the server's message when the events can't be loaded", async () => {
    renderDashboard([], { handlers: { [EVENTS]: () => apiError(403, "forbidden", "You can only manage your own events.") } });
    expect(await screen.findByRole("alert")).toHaveTextContent("You can only manage your own events.");
  });

  it("shows the message another page left (Event created.)", async () => {
    renderDashboard([vinyasa], { route: { pathname: paths.facilitator, state: { message: "Event created." } } });
    expect(await screen.findByText("Event created.")).toBeInTheDocument();
  });

  it("shows how many wait for a seat under the booked count, and nothing where nobody waits", async () => {
    const full = event({
      id: 4,
      title: "Yin Yoga",
      sessions: [
        session({ id: 40, event_id: 4, starts_at: inDays(2), ends_at: inDays(2, 1), capacity: 20, seats_taken: 20, waiting: 3 }),
        session({ id: 41, event_id: 4, starts_at: inDays(9), ends_at: inDays(9, 1), capacity: 20, seats_taken: 18, waiting: 0 }),
      ],
    });
    renderDashboard([full]);
    const card = await screen.findByRole("article", { name: "Yin Yoga" });
    const [, first, second] = within(card).getAllByRole("row");
    const booked = (row) => within(row).getAllByRole("cell")[1];
    expect(booked(first)).toHaveTextContent(/^20 \/ 20 3 waiting$/);
    expect(within(first).getByText("3 waiting")).toHaveClass("waiting-count");
    expect(booked(second)).toHaveTextContent(/^18 \/ 20$/);
  });

  it("leads to the event's page from each card, and cancels nothing from here", async () => {
    renderDashboard([vinyasa, retreat]);
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    // Cancelling lives apart on the event's own page; a card's one button is the way there.
    expect(screen.queryByRole("button", { name: /cancel/i })).not.toBeInTheDocument();
    expect(within(card).getAllByRole("link").filter((link) => link.classList.contains("button"))).toEqual([within(card).getByRole("link", { name: "Edit event" })]);
  });

  describe("attendance CSV", () => {
    afterEach(() => vi.restoreAllMocks());

    it("fetches every session's attendance with the token and saves it as attendance.csv", async () => {
      const clicked = [];
      URL.createObjectURL = vi.fn(() => "blob:attendance");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
        clicked.push({ href: this.href, download: this.download });
      });
      const CSV = "GET main /api/facilitator/2/attendance.csv";
      const { user, api } = renderDashboard([vinyasa], { handlers: { [CSV]: () => ok("session_id,event\r\n11,Morning Vinyasa Flow\r\n") } });
      await user.click(await screen.findByRole("button", { name: "Attendance CSV" }));
      await waitFor(() => expect(clicked).toEqual([{ href: "blob:attendance", download: "attendance.csv" }]));
      expect(api.callsTo(CSV)[0].headers.Authorization).toBe(`Bearer ${storedToken()}`);
    });

    it("says why the download failed", async () => {
      const CSV = "GET main /api/facilitator/2/attendance.csv";
      const { user } = renderDashboard([vinyasa], { handlers: { [CSV]: () => apiError(400, "validation_error", "Invalid input.") } });
      await user.click(await screen.findByRole("button", { name: "Attendance CSV" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("The attendance CSV could not be downloaded.");
    });
  });
});
