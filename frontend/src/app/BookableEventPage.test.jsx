import { screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { networkMessage } from "../lib/api-client.js";
import { formatDateTime } from "../lib/format.js";
import { leaveApp } from "../lib/leave-app.js";
import { paths, patterns } from "../lib/paths.js";
import { readSession } from "../lib/session-store.js";
import { apiError, fakeApi, ok, reply } from "../test/fake-api.js";
import { renderApp } from "../test/render.jsx";
import { clickInRow, LoginProbe, rowOf } from "../test/session-rows.jsx";
import { bookingPage, daysFromNow, EVENT_ZONE, makeBooking, makeEvent, makePaidBooking, makePayment, makeSession } from "../test/fixtures.js";
import { BookableEventPage } from "./BookableEventPage.jsx";

const OPEN = makeSession({ id: 11, seats_taken: 2, instructor: { id: 9, name: "Ravi Iyer" } });
const FULL = makeSession({ id: 12, seats_taken: 12 });
const CANCELLED = makeSession({ id: 13, status: "cancelled", seats_taken: 0 });
const EVENT = makeEvent({ sessions: [OPEN, FULL, CANCELLED] });

function eventApi({ bookings = [], book } = {}) {
  return fakeApi({
    "GET main /events/1": () => ok(EVENT),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage(bookings)),
    "GET main /passes": () => ok({ items: [] }),
    "GET main /me/passes": () => ok({ items: [] }),
    "POST main /bookings/book": book ?? (({ body }) => reply(201, makeBooking({ id: 50, session_id: body.session_id }))),
  });
}

function renderEvent(options) {
  return renderApp(<BookableEventPage />, { route: paths.event(1), path: patterns.event, ...options });
}

/** Waits for the session's Book button to be ready (the user's bookings are loaded) and clicks it. */
const clickBook = (user, sessionId) => clickInRow(user, sessionId, "Book");

describe("BookableEventPage (the event page with the booking flow)", () => {
  it("shows the event and each session's availability", async () => {
    renderEvent({ api: eventApi() });
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(document.title).toBe("Morning Vinyasa Flow · Sessions & Retreats");
    expect(screen.getByText("With Ravi Iyer")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Lotus Yoga" })).toHaveAttribute("href", paths.studio("lotus-yoga"));
    expect(rowOf(11)).toHaveTextContent("Ravi Iyer");
    expect(screen.getByText("Lotus Studio, Bengaluru")).toBeInTheDocument();
    expect(screen.getByText("A steady, breath-led flow to start the day.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Sessions" })).toBeInTheDocument();
    expect(rowOf(11)).toHaveTextContent("10 seats left");
    expect(rowOf(12)).toHaveTextContent("Full");
    expect(rowOf(13)).toHaveTextContent("Cancelled");
    expect(within(rowOf(12)).getByRole("link", { name: "Log in to join the waiting list" })).toHaveAttribute("href", "/login");
  });

  it("asks a signed-out visitor to log in, coming back here after", async () => {
    const { user } = renderEvent({ api: eventApi(), routes: <Route path={paths.login} element={<LoginProbe />} /> });
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.queryByRole("button", { name: "Book" })).not.toBeInTheDocument();
    const links = screen.getAllByRole("link", { name: "Log in to book" });
    expect(links).toHaveLength(1);
    await user.click(links[0]);
    expect(await screen.findByText("Login page, back to /events/1")).toBeInTheDocument();
  });

  it("books a session after confirming, then shows it as booked", async () => {
    const api = eventApi();
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);

    const dialog = screen.getByRole("dialog", { name: "Book this session?" });
    expect(dialog).toHaveTextContent("Morning Vinyasa Flow");
    expect(dialog).toHaveTextContent(rowOf(11).querySelector("td").textContent);
    expect(within(dialog).getByRole("button", { name: "Not now" })).toHaveFocus();

    api.on({ "GET main /bookings": () => ok(bookingPage([makeBooking({ id: 50, session_id: 11 })])) });
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(1);
    expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({ session_id: 11, seats: 1, guests: [] });
    const success = screen.getByText(/You're booked!/).closest("[role=status]");
    expect(success).toHaveTextContent("You're booked! See it in My bookings. A confirmation is on its way to asha@example.com.");
    expect(within(success).getByRole("link", { name: "My bookings" })).toHaveAttribute("href", "/bookings");
    expect(success.parentElement).toHaveFocus();
    expect(await within(rowOf(11)).findByText("Booked ✓")).toBeInTheDocument();
    expect(api.callsTo("GET main /events/1").length).toBeGreaterThanOrEqual(2);
  });

  it("says when the new booking's reminders will go, on the event's clocks", async () => {
    const remindersAt = ["2031-01-14T03:30:00+00:00", "2031-01-15T01:30:00+00:00"];
    const api = eventApi({ book: ({ body }) => reply(201, makeBooking({ id: 50, session_id: body.session_id, reminders_at: remindersAt })) });
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Confirm booking" }));
    const outcome = (await screen.findByText(/You're booked!/)).closest(".outcome");
    expect(within(outcome).getByText(/^Reminders: /)).toHaveTextContent(/^Reminders: Tue.*14.*09:00.* IST and Wed.*15.*07:00.* IST$/);
  });

  describe("adding the new booking to a calendar", () => {
    afterEach(() => vi.restoreAllMocks());

    async function book(api) {
      const { user } = renderEvent({ api, as: "user" });
      await clickBook(user, 11);
      await user.click(within(screen.getByRole("dialog", { name: "Book this session?" })).getByRole("button", { name: "Confirm booking" }));
      return { user, calendar: await screen.findByRole("group", { name: "Add to calendar" }) };
    }

    it("downloads the booking's ICS file from the confirmation", async () => {
      const saved = [];
      URL.createObjectURL = vi.fn(() => "blob:booking");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
        saved.push(this.download);
      });
      const api = eventApi();
      api.on({ "GET main /bookings/50/calendar.ics": () => reply(200, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", { "Content-Type": "text/calendar" }) });
      const { user, calendar } = await book(api);
      expect(screen.getByText(/You're booked!/).closest(".outcome")).toContainElement(calendar);
      await user.click(within(calendar).getByRole("button", { name: "Download .ics" }));
      await waitFor(() => expect(saved).toEqual(["booking-50.ics"]));
      expect(api.callsTo("GET main /bookings/50/calendar.ics")[0].headers.Authorization).toBe(`Bearer ${readSession().token}`);
    });

    it("links to Google Calendar with the session booked, from the page when the answer leaves it out", async () => {
      const api = eventApi({ book: ({ body }) => reply(201, { id: 50, status: "active", session_id: body.session_id }) });
      const { calendar } = await book(api);
      const link = within(calendar).getByRole("link", { name: "Google Calendar (opens in a new tab)" });
      expect(link).toHaveAttribute("target", "_blank");
      expect(link).toHaveAttribute("rel", "noopener noreferrer");
      const params = new URL(link.href).searchParams;
      const utc = (iso) => new Date(iso).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
      expect(params.get("text")).toBe("Morning Vinyasa Flow");
      expect(params.get("dates")).toBe(`${utc(OPEN.starts_at)}/${utc(OPEN.ends_at)}`);
      expect(params.get("location")).toBe("Lotus Studio, Bengaluru");
      expect(params.get("ctz")).toBe("Asia/Kolkata");
    });
  });

  it("sends nothing when the visitor says Not now", async () => {
    const api = eventApi();
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);
    await user.click(screen.getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(0);
  });

  it.each([
    ["session_full", "This session is full.", "Sorry, this session is full."],
    ["session_started", "This session has already started.", "This session has already started."],
    ["session_cancelled", "This session has been cancelled.", "This session has been cancelled."],
  ])("explains a %s refusal", async (code, serverMessage, shown) => {
    const api = eventApi({ book: () => apiError(409, code, serverMessage) });
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(shown);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("points to My bookings when the session is already booked", async () => {
    const api = eventApi({ book: () => apiError(409, "already_booked", "You already have a booking for this session.") });
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("You already have a booking for this session.");
    expect(within(alert).getByRole("link", { name: "Go to My bookings" })).toHaveAttribute("href", "/bookings");
  });

  it("shows the client's message when booking can't reach the server", async () => {
    const api = eventApi({
      book: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const { user } = renderEvent({ api, as: "user" });
    await clickBook(user, 11);
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(networkMessage());
  });

  it("marks sessions the user already holds", async () => {
    const api = eventApi({ bookings: [makeBooking({ session_id: 11 }), makeBooking({ id: 2, session_id: 12, status: "cancelled" })] });
    renderEvent({ api, as: "user" });
    expect(await within(await waitFor(() => rowOf(11))).findByText("Booked ✓")).toBeInTheDocument();
    expect(within(rowOf(11)).queryByRole("button")).not.toBeInTheDocument();
  });

  it("offers no booking to a facilitator, and says why", async () => {
    const api = eventApi();
    renderEvent({ api, as: "facilitator" });
    await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" });
    expect(screen.getByText("Booking needs a user account.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Book" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Log in to book" })).not.toBeInTheDocument();
    expect(api.callsTo("GET main /bookings")).toHaveLength(0);
  });

  it("says so when the event doesn't exist", async () => {
    const api = fakeApi({ "GET main /events/99": () => apiError(404, "event_not_found", "Event 99 does not exist.") });
    renderApp(<BookableEventPage />, { route: paths.event(99), path: patterns.event, api });
    expect(await screen.findByText("We couldn't find that event.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to events" })).toHaveAttribute("href", "/");
    expect(document.title).toBe("Event not found · Sessions & Retreats");
  });

  describe("a paid session", () => {
    const PAID = makeSession({ id: 14, price: 4_500_000, starts_at: daysFromNow(5, 7) });
    const SOON = makeSession({ id: 15, price: 80_000, starts_at: new Date(Date.now() + 5 * 3_600_000).toISOString() });
    const PAID_EVENT = makeEvent({ sessions: [OPEN, PAID, SOON] });
    let went;

    function paidApi({ bookings = [], book } = {}) {
      return fakeApi({
        "GET main /events/1": () => ok(PAID_EVENT),
        "GET main /events/1/questions": () => ok({ items: [] }),
        "GET main /bookings": () => ok(bookingPage(bookings)),
        "POST main /bookings/book": book ?? (({ body }) => reply(201, makePaidBooking({ id: 50, session_id: body.session_id }))),
      });
    }

    beforeEach(() => {
      went = [];
      vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    });
    afterEach(() => vi.restoreAllMocks());

    async function openDialog(user, sessionId) {
      const button = await waitFor(() => {
        const found = within(rowOf(sessionId)).getByRole("button", { name: "Book & pay" });
        expect(found).toBeEnabled();
        return found;
      });
      await user.click(button);
      return screen.getByRole("dialog", { name: "Book and pay for this session?" });
    }

    it("shows its price and offers Book & pay, where a free one keeps Book", async () => {
      renderEvent({ api: paidApi(), as: "user" });
      expect(await within(await waitFor(() => rowOf(14))).findByRole("button", { name: "Book & pay" })).toHaveAccessibleDescription(rowOf(14).querySelector("td").textContent);
      expect(rowOf(14)).toHaveTextContent("₹45,000");
      expect(rowOf(11)).toHaveTextContent("Free");
      expect(within(rowOf(11)).getByRole("button", { name: "Book" })).toBeInTheDocument();
    });

    it("says the price and until when a cancellation is refunded, on the event's clocks, then goes to the checkout", async () => {
      const api = paidApi();
      const { user } = renderEvent({ api, as: "user" });
      const dialog = await openDialog(user, 14);
      const cutoff = new Date(new Date(PAID.starts_at).getTime() - 24 * 3_600_000).toISOString();
      expect(dialog).toHaveTextContent(`₹45,000, paid on the next page; refunded in full if you cancel until ${formatDateTime(cutoff, { timeZone: EVENT_ZONE, label: true })}.`);
      expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/ IST\.$/);
      await user.click(within(dialog).getByRole("button", { name: "Continue to payment" }));

      await waitFor(() => expect(went).toEqual(["http://main.test/payments/test/checkout/ref-50"]));
      expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({ session_id: 14, seats: 1, guests: [] });
      expect(screen.getByText(/Taking you to the payment page/)).toHaveTextContent("Your seat is held. Taking you to the payment page…");
      expect(screen.queryByText(/You're booked!/)).not.toBeInTheDocument();
    });

    it("says plainly when it is too late for a refund", async () => {
      const { user } = renderEvent({ api: paidApi(), as: "user" });
      const dialog = await openDialog(user, 15);
      expect(dialog).toHaveTextContent("₹800, paid on the next page; it's less than 24 hours before the start, so cancelling won't be refunded.");
    });

    it("opens the payment page of the booking when the answer carries no checkout", async () => {
      const api = paidApi({ book: () => reply(201, makePaidBooking({ id: 50, session_id: 14, payment: makePayment({ checkout_url: null }) })) });
      const { user } = renderEvent({ api, as: "user", routes: <Route path={patterns.bookingPayment} element={<h1>Payment page</h1>} /> });
      await user.click(within(await openDialog(user, 14)).getByRole("button", { name: "Continue to payment" }));
      expect(await screen.findByRole("heading", { name: "Payment page" })).toBeInTheDocument();
      expect(screen.getByTestId("location")).toHaveTextContent("/bookings/50/payment");
      expect(went).toEqual([]);
    });

    it("offers Pay now on a seat held for the user, instead of booking it again", async () => {
      renderEvent({ api: paidApi({ bookings: [makePaidBooking({ id: 50, session_id: 14, session: PAID })] }), as: "user" });
      const pay = await within(await waitFor(() => rowOf(14))).findByRole("link", { name: "Pay now" });
      expect(pay).toHaveAttribute("href", "http://main.test/payments/test/checkout/ref-50");
      expect(rowOf(14)).toHaveTextContent("Seat held, awaiting payment");
      expect(within(rowOf(14)).queryByRole("button")).not.toBeInTheDocument();
    });

    it("explains a refusal as for any booking", async () => {
      const { user } = renderEvent({ api: paidApi({ book: () => apiError(409, "session_full", "This session is full.") }), as: "user" });
      await user.click(within(await openDialog(user, 14)).getByRole("button", { name: "Continue to payment" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("Sorry, this session is full.");
      expect(went).toEqual([]);
    });
  });
});
