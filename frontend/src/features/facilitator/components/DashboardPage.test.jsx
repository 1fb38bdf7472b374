import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { eventTimes } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { ZONE, event, inDays, page, session } from "../test-fixtures.js";
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
    expect(screen.getByRole("link", { name: "Delivery: CRM and email" })).toHaveAttribute("href", "/facilitator/integration");
    expect(document.title).toBe("My events · Sessions & Retreats");
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

  it("cancels an event after confirming, telling how many people will be emailed", async () => {
    const cancel = [];
    const { user, api } = renderDashboard([vinyasa], {
      handlers: {
        "DELETE main /api/facilitator/2/events/1": (call) => {
          cancel.push(call.body);
          return ok({ event: { ...vinyasa, status: "cancelled" }, bookings_cancelled: 4 });
        },
      },
    });
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.click(within(card).getByRole("button", { name: "Cancel event" }));
    let dialog = screen.getByRole("dialog", { name: "Cancel this event?" });
    expect(dialog).toHaveTextContent("6 people booked will be emailed that it is cancelled, with your reason if you give one.");
    await user.click(within(dialog).getByRole("button", { name: "Keep event" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(cancel).toHaveLength(0);

    await user.click(within(card).getByRole("button", { name: "Cancel event" }));
    dialog = screen.getByRole("dialog", { name: "Cancel this event?" });
    await user.type(within(dialog).getByLabelText("Reason (shown to attendees)"), "Studio flooded");
    await user.click(within(dialog).getByRole("button", { name: "Cancel event" }));
    expect(await screen.findByText("Event cancelled. 4 people are being emailed.")).toBeInTheDocument();
    expect(cancel).toEqual([{ reason: "Studio flooded" }]);
    await waitFor(() => expect(api.callsTo(EVENTS).length).toBeGreaterThan(1));
  });

  it("says nobody will be emailed when no one has booked", async () => {
    const { user } = renderDashboard([retreat]);
    const card = await screen.findByRole("article", { name: "Himalayan Silence Retreat" });
    await user.click(within(card).getByRole("button", { name: "Cancel event" }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Nobody has booked yet.");
  });
});
