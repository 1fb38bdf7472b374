/** The event and session pages as each studio role sees them: changing them is events.manage's, money money.view's,
 *  the registrants' figures and feedback registrants.own's (docs/permissions.md). */
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { ZONE, event, inDays, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";
import { SessionPage } from "./SessionPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const paid = session({ id: 9, starts_at: inDays(5), ends_at: inDays(5, 2), price: 80000, currency: "INR", seats_taken: 2, payments: { paid: 160000, pending: 0, refunded: 0 }, emails: { sent: 2, pending: 0, failed: 0 } });
const theEvent = event({ id: 1, sessions: [paid] });
const registrants = {
  session: paid,
  event: { id: 1, title: "Morning Vinyasa Flow", kind: "session", location: "Lotus Studio", timezone: ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } },
  active: 1,
  items: [{ booking_id: 1, name: "Asha Rao", email: "asha@example.com", user_id: 4, booked_at: inDays(-2), status: "active", cancelled_at: null, cancel_reason: null }],
  waiting: [],
};

function studioApi(role) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    [`GET ${BASE}/events/1`]: () => ok(theEvent),
    [`GET ${BASE}/events/1/questions`]: () => ok({ items: [] }),
    [`GET ${BASE}/sessions/9/registrants`]: () => ok(registrants),
    [`GET ${BASE}/sessions/9/attendance`]: () => ok({ session_id: 9, booked: 1, checked_in: 0, attended: 0, no_shows: 0, walk_ins: 0, late_cancels: 0, closed: false, average_rating: null }),
  });
}

const renderEvent = (role) => renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api: studioApi(role), as: USERS.user, studios: true });
const renderSession = (role) => {
  const api = studioApi(role);
  return { api, ...renderApp(<SessionPage />, { route: paths.facilitatorSession(9), path: patterns.facilitatorSession, api, as: USERS.user, studios: true }) };
};
const section = (name) => screen.queryByRole("heading", { level: 2, name });

describe("the event page by role", () => {
  it("lets a manager change the event and see its money", async () => {
    renderEvent("manager");
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    for (const name of ["Edit event", "Add a session", "Repeat weekly", "Cancel this event"]) expect(section(name)).toBeInTheDocument();
    expect(await screen.findByRole("heading", { level: 2, name: "Questions" })).toBeInTheDocument();
    expect(screen.getByText(/₹1,600 paid/)).toBeInTheDocument();
    expect(screen.getByText(/2 sent/)).toBeInTheDocument();
  });

  it.each(["instructor", "front_desk"])("shows a %s the event read-only, without its money", async (role) => {
    renderEvent(role);
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByText(/your role reads them/)).toBeInTheDocument();
    for (const name of ["Edit event", "Add a session", "Repeat weekly", "Cancel this event", "Questions", "Money"]) expect(section(name)).not.toBeInTheDocument();
    expect(screen.queryByText(/₹1,600 paid/)).not.toBeInTheDocument();
    expect(screen.queryByText(/2 sent/)).not.toBeInTheDocument();
  });
});

describe("the session page by role", () => {
  it("lets a manager edit and cancel the session, with its payments", async () => {
    renderSession("manager");
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByRole("button", { name: "Cancel session" })).toBeInTheDocument();
    expect(section("Edit session")).toBeInTheDocument();
    expect(section("Message registrants")).toBeInTheDocument();
    expect(screen.getByText("Payments")).toBeInTheDocument();
  });

  it("lets an instructor read and message, but not change the session nor see its money", async () => {
    renderSession("instructor");
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(await screen.findByRole("heading", { level: 2, name: "Attendance" })).toBeInTheDocument();
    expect(section("Message registrants")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    expect(section("Edit session")).not.toBeInTheDocument();
    expect(screen.queryByText("Payments")).not.toBeInTheDocument();
  });

  it("shows the front desk the registrants and the check-in, asking nothing its role can't read", async () => {
    const { api } = renderSession("front_desk");
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByRole("link", { name: "Check-in" })).toHaveAttribute("href", paths.facilitatorCheckin(9));
    expect(screen.getByText("Asha Rao")).toBeInTheDocument();
    for (const name of ["Attendance", "Message registrants", "Edit session"]) expect(section(name)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel session" })).not.toBeInTheDocument();
    expect(api.callsTo(`GET ${BASE}/sessions/9/attendance`)).toHaveLength(0);
  });
});
