import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { setLanguage } from "../../../lib/i18n.js";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, makeBooking, makeEvent, makeSession, makeWaiting } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { LoginProbe, SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const OPEN = makeSession({ id: 11, seats_taken: 2 });
const FULL = makeSession({ id: 12, seats_taken: 12, waiting: 3 });

/** The event page's table as the events feature draws it, reduced to what the booking flow is given per row. */

/** The booking flow over an event read as the event page reads it, so a change refreshes its seats too. */
function BookingOnEventPage() {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

/** A main API with the event, the user's bookings and places, and the waiting list endpoints (state kept). */
function waitlistApi({ sessions = [OPEN, FULL], bookings = [], waiting = [], join, leave } = {}) {
  const state = { sessions, bookings, waiting };
  const api = fakeApi({
    "GET main /events/1": () => ok(makeEvent({ sessions: state.sessions })),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage(state.bookings, state.waiting)),
    "POST main /sessions/12/waitlist":
      join ??
      (() => {
        state.waiting = [makeWaiting({ session_id: 12, position: 4, session: { ...FULL, waiting: 4 } })];
        state.sessions = [OPEN, { ...FULL, waiting: 4 }];
        return reply(201, { session_id: 12, status: "waiting", position: 4, booking_id: null });
      }),
    "DELETE main /sessions/12/waitlist":
      leave ??
      (() => {
        state.waiting = [];
        return reply(204, null);
      }),
  });
  return { api, state };
}

function renderBooking(options) {
  return renderApp(<BookingOnEventPage />, options);
}

describe("EventBooking: waiting lists", () => {
  it("asks a signed-out visitor to log in to join a full session's list, coming back after", async () => {
    const { api } = waitlistApi();
    const { user } = renderBooking({ api, route: "/events/1", routes: <Route path="/login" element={<LoginProbe />} /> });
    const link = await within(await waitFor(() => rowOf(12))).findByRole("link", { name: "Log in to join the waiting list" });
    expect(link).toHaveAccessibleDescription("Session 12");
    expect(within(rowOf(11)).getByRole("link", { name: "Log in to book" })).toBeInTheDocument();
    await user.click(link);
    expect(await screen.findByText("Login page, back to /events/1")).toBeInTheDocument();
  });

  it("joins after confirming, then shows the place in line with a way out", async () => {
    const { api } = waitlistApi();
    const { user } = renderBooking({ api, as: "user" });
    expect(await within(await waitFor(() => rowOf(11))).findByRole("button", { name: "Book" })).toBeInTheDocument();
    await clickInRow(user, 12, "Join waiting list");

    const dialog = screen.getByRole("dialog", { name: "Join the waiting list?" });
    expect(dialog).toHaveTextContent("Morning Vinyasa Flow");
    expect(dialog).toHaveTextContent("This session is full. 3 people are waiting already.");
    expect(within(dialog).getByRole("button", { name: "Not now" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Join waiting list" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /sessions/12/waitlist")).toHaveLength(1);
    const outcome = screen.getByText(/You're on the waiting list/).closest("[role=status]");
    expect(outcome).toHaveTextContent(/^You're on the waiting list: number 4 in line\. If a seat frees up, the first in line gets it automatically/);
    expect(within(outcome).getByRole("link", { name: "My bookings" })).toHaveAttribute("href", "/bookings");
    expect(outcome.parentElement).toHaveFocus();
    expect(rowOf(12)).toHaveTextContent("You're number 4 on the waiting list");
    expect(within(rowOf(12)).getByRole("button", { name: "Leave waiting list" })).toHaveAccessibleDescription("Session 12");
    expect(within(rowOf(12)).queryByRole("button", { name: "Join waiting list" })).not.toBeInTheDocument();
  });

  it("says a freed seat is offered, not given, when the session offers seats to its line", async () => {
    const offering = { ...FULL, waitlist_mode: "offer" };
    const { api } = waitlistApi({ sessions: [OPEN, offering] });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Join waiting list");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Join waiting list" }));
    const outcome = (await screen.findByText(/You're on the waiting list/)).closest("[role=status]");
    expect(outcome).toHaveTextContent(/If a seat frees up, it is offered to the first in line for a while: an email brings a link to take it\./);
    expect(outcome).not.toHaveTextContent(/automatically/);
  });

  it("says nobody is waiting yet when the line is empty, and sends nothing on Not now", async () => {
    const { api } = waitlistApi({ sessions: [OPEN, { ...FULL, waiting: 0 }] });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Join waiting list");
    expect(screen.getByRole("dialog")).toHaveTextContent("Nobody is waiting yet.");
    await user.click(screen.getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST main /sessions/12/waitlist")).toHaveLength(0);
  });

  it("shows the place the user already holds when the page opens", async () => {
    const { api } = waitlistApi({ waiting: [makeWaiting({ session_id: 12, position: 2 })] });
    renderBooking({ api, as: "user" });
    expect(await within(await waitFor(() => rowOf(12))).findByText("You're number 2 on the waiting list")).toBeInTheDocument();
    expect(within(rowOf(12)).queryByRole("button", { name: "Join waiting list" })).not.toBeInTheDocument();
  });

  it("leaves the list after confirming, and offers joining again", async () => {
    const { api } = waitlistApi({ waiting: [makeWaiting({ session_id: 12, position: 2 })] });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Leave waiting list");
    const dialog = screen.getByRole("dialog", { name: "Leave the waiting list?" });
    expect(dialog).toHaveTextContent(/^Leave the waiting list\?You're number 2 in line for Morning Vinyasa Flow on .* IST.*\.If you leave, you lose your place/);
    expect(within(dialog).getByRole("button", { name: "Stay in line" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Yes, leave it" }));

    expect(await screen.findByText("You've left the waiting list.")).toBeInTheDocument();
    expect(api.callsTo("DELETE main /sessions/12/waitlist")).toHaveLength(1);
    expect(within(rowOf(12)).getByRole("button", { name: "Join waiting list" })).toBeInTheDocument();
  });

  it("shows a booking like any other when a seat came free at the moment of joining", async () => {
    const { api, state } = waitlistApi({
      join: () => {
        state.bookings = [makeBooking({ id: 60, session: FULL, reminders_at: ["2031-01-14T03:30:00+00:00"] })];
        return reply(201, { session_id: 12, status: "active", position: null, booking_id: 60 });
      },
    });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Join waiting list");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Join waiting list" }));
    const success = (await screen.findByText(/you're booked!/)).closest("[role=status]");
    expect(success).toHaveTextContent("A seat came free just now: you're booked! See it in My bookings. A confirmation is on its way to asha@example.com.");
    const outcome = success.closest(".outcome");
    expect(within(outcome).getByText(/^Reminder: /)).toBeInTheDocument();
    expect(within(outcome).getByRole("group", { name: "Add to calendar" })).toBeInTheDocument();
    expect(within(rowOf(12)).getByText("Booked ✓")).toBeInTheDocument();
  });

  it("opens the payment page when a seat of a paid session came free at the moment of joining", async () => {
    const { api } = waitlistApi({ join: () => reply(201, { session_id: 12, status: "pending_payment", position: null, booking_id: 60 }) });
    const { user } = renderBooking({ api, as: "user", routes: <Route path="/bookings/:bookingId/payment" element={<h1>Payment page</h1>} /> });
    await clickInRow(user, 12, "Join waiting list");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Join waiting list" }));
    expect(await screen.findByRole("heading", { name: "Payment page" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/bookings/60/payment");
  });

  it.each([
    ["already_booked", "You already have a booking for this session."],
    ["already_waiting", "You're already on the waiting list for this session."],
    ["session_cancelled", "This session has been cancelled."],
    ["session_started", "This session has already started."],
  ])("explains a %s refusal and reads the bookings and seats again", async (code, shown) => {
    const { api } = waitlistApi({ join: () => apiError(409, code, "The server's words.") });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Join waiting list");
    const before = [api.callsTo("GET main /bookings").length, api.callsTo("GET main /events/1").length];
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Join waiting list" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(shown);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("GET main /bookings").length).toBeGreaterThan(before[0]);
    expect(api.callsTo("GET main /events/1").length).toBeGreaterThan(before[1]);
  });

  it("sends the user to Book when a seat came free before joining", async () => {
    const { api, state } = waitlistApi({
      join: () => {
        state.sessions = [OPEN, { ...FULL, seats_taken: 11, seats_left: 1, waiting: 0 }];
        return apiError(409, "seats_available", "This session has seats free: book one instead.");
      },
    });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Join waiting list");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Join waiting list" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("A seat is free in this session now: book it instead.");
    expect(await within(rowOf(12)).findByRole("button", { name: "Book" })).toBeInTheDocument();
  });

  it("says so when the place is gone before leaving, pointing to My bookings", async () => {
    const { api } = waitlistApi({ waiting: [makeWaiting({ session_id: 12 })], leave: () => apiError(404, "not_waiting", "You are not on the waiting list of this session.") });
    const { user } = renderBooking({ api, as: "user" });
    await clickInRow(user, 12, "Leave waiting list");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Yes, leave it" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("You're no longer on this waiting list: if a seat came free for you, it's in My bookings.");
    expect(within(alert).getByRole("link", { name: "Go to My bookings" })).toHaveAttribute("href", "/bookings");
  });

  it("offers staff no waiting list", async () => {
    const { api } = waitlistApi();
    renderBooking({ api, as: "admin" });
    expect(await screen.findByText("Booking needs a user account.")).toBeInTheDocument();
    expect(within(rowOf(12)).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rowOf(12)).queryByRole("link")).not.toBeInTheDocument();
    expect(api.callsTo("GET main /bookings")).toHaveLength(0);
  });
});

describe("EventBooking in Hindi", () => {
  it("offers booking and the waiting list in Hindi", async () => {
    await setLanguage("hi");
    const { api } = waitlistApi();
    const { user } = renderBooking({ api, as: "user" });
    expect(await within(await waitFor(() => rowOf(12))).findByRole("button", { name: "प्रतीक्षा सूची में शामिल हों" })).toBeInTheDocument();
    await clickInRow(user, 11, "बुक करें");
    const dialog = screen.getByRole("dialog", { name: "यह सेशन बुक करें?" });
    expect(within(dialog).getByRole("button", { name: "बुकिंग पक्की करें" })).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "अभी नहीं" })).toHaveFocus();
  });
});
