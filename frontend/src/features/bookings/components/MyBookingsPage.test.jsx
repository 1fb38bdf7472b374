import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { RequireAuth } from "../../../components/RequireAuth.jsx";
import { EVENT_ZONE, bookingPage, daysFromNow, makeBooking, makeSession, makeWaiting } from "../../../test/fixtures.js";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const FLOW = makeBooking({ id: 1, session: makeSession({ id: 11, starts_at: daysFromNow(3) }) });
const SOUND = makeBooking({
  id: 2,
  status: "cancelled",
  cancelled_at: daysFromNow(-1),
  session: makeSession({ id: 21, event_id: 4, starts_at: daysFromNow(6) }),
  event: { id: 4, title: "Sound Healing Evening", kind: "session", location: "Nada Hall, Pune", timezone: EVENT_ZONE, facilitator: { id: 2, name: "Arjun Patel" } },
});
const RETREAT = makeBooking({
  id: 3,
  status: "cancelled",
  cancel_reason: "Heavy rain closed the roads.",
  session: makeSession({ id: 31, event_id: 5, status: "cancelled", starts_at: daysFromNow(12) }),
  event: { id: 5, title: "Meditation Retreat", kind: "retreat", location: "Coorg, Karnataka", timezone: EVENT_ZONE, facilitator: { id: 3, name: "Kavya Reddy" } },
});

const YIN = makeWaiting({
  session_id: 41,
  position: 2,
  session: makeSession({ id: 41, event_id: 6, seats_taken: 12, waiting: 3, starts_at: daysFromNow(4) }),
  event: { id: 6, title: "Yin Yoga & Journaling", kind: "session", location: "Still Space, Hyderabad", timezone: EVENT_ZONE, facilitator: { id: 3, name: "Kavya Reddy" } },
});

function bookingsApi(bookings = [FLOW, SOUND, RETREAT], more = {}, waiting = []) {
  let current = bookings;
  let places = waiting;
  const api = fakeApi({
    "GET main /bookings": () => ok(bookingPage(current, places)),
    "DELETE main /sessions/41/waitlist": () => {
      places = places.filter((place) => place.session_id !== 41);
      return reply(204, null);
    },
    "POST main /bookings/1/cancel": () => {
      current = current.map((b) => (b.id === 1 ? { ...b, status: "cancelled", cancelled_at: new Date().toISOString() } : b));
      return ok(current.find((b) => b.id === 1));
    },
    "POST main /bookings/2/reactivate": () => {
      current = current.map((b) => (b.id === 2 ? { ...b, status: "active", cancelled_at: null } : b));
      return ok(current.find((b) => b.id === 2));
    },
    ...more,
  });
  return api;
}

const card = (name) => screen.getByRole("article", { name });
const section = (name) => screen.getByRole("region", { name });

function renderBookings(api) {
  return renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" });
}

describe("MyBookingsPage", () => {
  it("lists upcoming and cancelled bookings with their status and reasons", async () => {
    renderBookings(bookingsApi());
    expect(screen.getByRole("heading", { level: 1, name: "My bookings" })).toBeInTheDocument();
    expect(document.title).toBe("My bookings · Sessions & Retreats");
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });

    const upcoming = section("Upcoming");
    expect(within(upcoming).getByRole("link", { name: "Morning Vinyasa Flow" })).toHaveAttribute("href", "/events/1");
    expect(within(upcoming).getByText("Active")).toBeInTheDocument();
    expect(within(card("Morning Vinyasa Flow")).getByRole("button", { name: "Cancel booking" })).toBeInTheDocument();

    const cancelled = section("Cancelled");
    expect(within(cancelled).getAllByRole("article")).toHaveLength(2);
    expect(within(card("Sound Healing Evening")).getByText("Cancelled")).toHaveClass("pill");
    expect(card("Sound Healing Evening")).toHaveTextContent("You cancelled this booking.");
    expect(within(card("Sound Healing Evening")).getByRole("button", { name: "Reactivate" })).toBeInTheDocument();
    expect(card("Meditation Retreat")).toHaveTextContent("Cancelled by the facilitator: Heavy rain closed the roads.");
    expect(within(card("Meditation Retreat")).queryByRole("button")).not.toBeInTheDocument();
  });

  it("cancels after confirmation and moves the booking to Cancelled", async () => {
    const api = bookingsApi();
    const { user } = renderBookings(api);
    await user.click(await within(await screen.findByRole("article", { name: "Morning Vinyasa Flow" })).findByRole("button", { name: "Cancel booking" }));

    const dialog = screen.getByRole("dialog", { name: "Cancel this booking?" });
    expect(dialog).toHaveTextContent("Morning Vinyasa Flow");
    await user.click(within(dialog).getByRole("button", { name: "Yes, cancel it" }));

    expect(await screen.findByText("Booking cancelled.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/1/cancel")).toHaveLength(1);
    await waitFor(() => expect(within(section("Cancelled")).getByRole("article", { name: "Morning Vinyasa Flow" })).toBeInTheDocument());
    expect(within(section("Upcoming")).getByText("No upcoming bookings.")).toBeInTheDocument();
  });

  it("sends nothing when the person keeps the booking", async () => {
    const api = bookingsApi();
    const { user } = renderBookings(api);
    await user.click(await within(await screen.findByRole("article", { name: "Morning Vinyasa Flow" })).findByRole("button", { name: "Cancel booking" }));
    await user.click(screen.getByRole("button", { name: "Keep booking" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === "POST")).toHaveLength(0);
    expect(within(section("Upcoming")).getByRole("article", { name: "Morning Vinyasa Flow" })).toBeInTheDocument();
  });

  it("reactivates a booking the person cancelled", async () => {
    const api = bookingsApi();
    const { user } = renderBookings(api);
    await user.click(await within(await screen.findByRole("article", { name: "Sound Healing Evening" })).findByRole("button", { name: "Reactivate" }));
    expect(await screen.findByText("Booking reactivated.")).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/2/reactivate")).toHaveLength(1);
    await waitFor(() => expect(within(section("Upcoming")).getByRole("article", { name: "Sound Healing Evening" })).toBeInTheDocument());
  });

  it("says the session is full when reactivating fails for that", async () => {
    const api = bookingsApi(undefined, { "POST main /bookings/2/reactivate": () => apiError(409, "session_full", "This session is full.") });
    const { user } = renderBookings(api);
    await user.click(await within(await screen.findByRole("article", { name: "Sound Healing Evening" })).findByRole("button", { name: "Reactivate" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Sorry, this session is full now.");
    expect(within(section("Cancelled")).getByRole("article", { name: "Sound Healing Evening" })).toBeInTheDocument();
  });

  it("shows the server's message for other refusals", async () => {
    const api = bookingsApi(undefined, {
      "POST main /bookings/2/reactivate": () => apiError(409, "already_booked", "You already have a booking for this session."),
    });
    const { user } = renderBookings(api);
    await user.click(await within(await screen.findByRole("article", { name: "Sound Healing Evening" })).findByRole("button", { name: "Reactivate" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You already have a booking for this session.");
  });

  it("invites a person without bookings to browse", async () => {
    renderBookings(bookingsApi([]));
    expect(await screen.findByText("You have no bookings yet.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Browse events" })).toHaveAttribute("href", "/");
  });

  it("shows past bookings apart", async () => {
    const past = makeBooking({ id: 9, session: makeSession({ id: 91, starts_at: daysFromNow(-5) }), event: { ...FLOW.event, title: "Last week's flow" } });
    renderBookings(bookingsApi([FLOW, past]));
    expect(await within(await screen.findByRole("region", { name: "Past" })).findByRole("article", { name: "Last week's flow" })).toBeInTheDocument();
    expect(within(card("Last week's flow")).queryByRole("button")).not.toBeInTheDocument();
  });

  describe("waiting lists", () => {
    it("lists each place in line after the upcoming bookings: event, time on its clocks, position, Leave", async () => {
      renderBookings(bookingsApi(undefined, {}, [YIN]));
      const yin = await screen.findByRole("article", { name: "Yin Yoga & Journaling" });
      const waiting = section("Waiting lists");
      expect(waiting).toContainElement(yin);
      expect(within(yin).getByRole("link", { name: "Yin Yoga & Journaling" })).toHaveAttribute("href", "/events/6");
      expect(within(yin).getByText("Waiting")).toHaveClass("pill");
      expect(yin.querySelector(".booking-when")).toHaveTextContent(/ IST/);
      expect(yin).toHaveTextContent("Still Space, Hyderabad · with Kavya Reddy");
      expect(yin).toHaveTextContent("Number 2 in line");
      expect(within(yin).getByRole("button", { name: "Leave" })).toHaveAccessibleDescription(/^Yin Yoga & Journaling .* IST/);
      const headings = screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent);
      expect(headings).toEqual(["Upcoming", "Waiting lists", "Cancelled"]);
    });

    it("leaves a waiting list after confirming, and the list follows", async () => {
      const api = bookingsApi(undefined, {}, [YIN]);
      const { user } = renderBookings(api);
      await user.click(within(await screen.findByRole("article", { name: "Yin Yoga & Journaling" })).getByRole("button", { name: "Leave" }));
      const dialog = screen.getByRole("dialog", { name: "Leave the waiting list?" });
      expect(dialog).toHaveTextContent(/You're number 2 in line for Yin Yoga & Journaling on .* IST/);
      await user.click(within(dialog).getByRole("button", { name: "Yes, leave it" }));

      expect(await screen.findByText("You've left the waiting list.")).toBeInTheDocument();
      expect(api.callsTo("DELETE main /sessions/41/waitlist")).toHaveLength(1);
      await waitFor(() => expect(screen.queryByRole("region", { name: "Waiting lists" })).not.toBeInTheDocument());
      expect(section("Upcoming")).toHaveTextContent("Morning Vinyasa Flow");
    });

    it("keeps the place when the person stays in line", async () => {
      const api = bookingsApi(undefined, {}, [YIN]);
      const { user } = renderBookings(api);
      await user.click(within(await screen.findByRole("article", { name: "Yin Yoga & Journaling" })).getByRole("button", { name: "Leave" }));
      await user.click(screen.getByRole("button", { name: "Stay in line" }));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(api.calls.filter((call) => call.method === "DELETE")).toHaveLength(0);
    });

    it("says so when the place was gone already (promoted meanwhile)", async () => {
      const api = bookingsApi(undefined, { "DELETE main /sessions/41/waitlist": () => apiError(404, "not_waiting", "You are not on the waiting list of this session.") }, [YIN]);
      const { user } = renderBookings(api);
      await user.click(within(await screen.findByRole("article", { name: "Yin Yoga & Journaling" })).getByRole("button", { name: "Leave" }));
      await user.click(screen.getByRole("button", { name: "Yes, leave it" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("You're no longer on this waiting list: if a seat came free for you, it's in My bookings.");
    });

    it("shows a person who only waits their places, not the empty state", async () => {
      renderBookings(bookingsApi([], {}, [YIN]));
      expect(await within(await screen.findByRole("region", { name: "Waiting lists" })).findByRole("article", { name: "Yin Yoga & Journaling" })).toBeInTheDocument();
      expect(screen.queryByText("You have no bookings yet.")).not.toBeInTheDocument();
      expect(within(section("Upcoming")).getByText("No upcoming bookings.")).toBeInTheDocument();
    });
  });

  describe("to staff", () => {
    const guarded = () => (
      <RequireAuth roles={["user"]}>
        <MyBookingsPage />
      </RequireAuth>
    );

    it("tells an admin, in an admin's words, that bookings are for user accounts", async () => {
      const api = fakeApi();
      renderApp(guarded(), { route: paths.myBookings, api, as: "admin" });
      expect(screen.getByRole("heading", { level: 1, name: "Not available for this account" })).toBeInTheDocument();
      expect(screen.getByText(/an admin account looks after the platform, it doesn't book sessions/)).toBeInTheDocument();
      expect(screen.queryByText(/facilitators run sessions/)).not.toBeInTheDocument();
      expect(api.calls).toHaveLength(0);
    });

    it("tells a facilitator that facilitators run sessions", () => {
      renderApp(guarded(), { route: paths.myBookings, as: "facilitator" });
      expect(screen.getByText("Booking needs a user account: facilitators run sessions, they don't book them.")).toBeInTheDocument();
    });
  });

  describe("reminder emails", () => {
    it("says when they will go, on the event's clocks, and nothing on cancelled or past bookings", async () => {
      const flow = { ...FLOW, reminders_at: ["2031-01-14T03:30:00+00:00", "2031-01-15T01:30:00+00:00"] };
      const sound = { ...SOUND, reminders_at: [] };
      const past = makeBooking({ id: 9, session: makeSession({ id: 91, starts_at: daysFromNow(-5) }), event: { ...FLOW.event, title: "Last week's flow" }, reminders_at: [] });
      renderBookings(bookingsApi([flow, sound, past]));
      const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(card.querySelector(".booking-reminders")).toHaveTextContent(/^Reminders: Tue.*14.*09:00.* IST and Wed.*15.*07:00.* IST$/);
      expect(screen.getByRole("article", { name: "Sound Healing Evening" }).querySelector(".booking-reminders")).toBeNull();
      expect(screen.getByRole("article", { name: "Last week's flow" }).querySelector(".booking-reminders")).toBeNull();
    });

    it("says there are none on an upcoming booking, with the way to the setting", async () => {
      renderBookings(bookingsApi([{ ...FLOW, reminders_at: [] }]));
      const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(card.querySelector(".booking-reminders")).toHaveTextContent("No reminders. Reminder settings");
      expect(within(card).getByRole("link", { name: "Reminder settings" })).toHaveAttribute("href", "/account");
    });

    it("says nothing of reminders when the booking doesn't carry them", async () => {
      renderBookings(bookingsApi([FLOW]));
      const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(card.querySelector(".booking-reminders")).toBeNull();
    });
  });

  describe("add to calendar", () => {
    let clicked;
    beforeEach(() => {
      clicked = [];
      URL.createObjectURL = vi.fn(() => "blob:booking");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
        clicked.push({ href: this.href, download: this.download });
      });
    });
    afterEach(() => vi.restoreAllMocks());

    const ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Morning Vinyasa Flow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const calendarOf = (name) => within(card(name)).getByRole("group", { name: "Add to calendar" });

    it("is offered on active bookings still ahead, not on cancelled or past ones", async () => {
      const past = makeBooking({ id: 9, session: makeSession({ id: 91, starts_at: daysFromNow(-5) }), event: { ...FLOW.event, title: "Last week's flow" } });
      renderBookings(bookingsApi([FLOW, SOUND, RETREAT, past]));
      await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(within(calendarOf("Morning Vinyasa Flow")).getByRole("button", { name: "Download .ics" })).toHaveAccessibleDescription(/^Morning Vinyasa Flow /);
      for (const name of ["Sound Healing Evening", "Meditation Retreat", "Last week's flow"]) {
        expect(within(card(name)).queryByRole("group", { name: "Add to calendar" })).not.toBeInTheDocument();
      }
    });

    it("downloads the booking's ICS file with the token and saves it as booking-<id>.ics", async () => {
      const api = bookingsApi(undefined, { "GET main /bookings/1/calendar.ics": () => reply(200, ICS, { "Content-Type": "text/calendar" }) });
      const { user } = renderBookings(api);
      await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      await user.click(within(calendarOf("Morning Vinyasa Flow")).getByRole("button", { name: "Download .ics" }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      const [call] = api.callsTo("GET main /bookings/1/calendar.ics");
      expect(call.headers.Authorization).toBe(`Bearer ${readSession().token}`);
      expect(clicked[0]).toEqual({ href: "blob:booking", download: "booking-1.ics" });
      expect(await URL.createObjectURL.mock.calls[0][0].text()).toBe(ICS);
    });

    it("shows why the file could not be downloaded", async () => {
      const api = bookingsApi(undefined, { "GET main /bookings/1/calendar.ics": () => apiError(404, "booking_not_found", "Booking 1 does not exist.") });
      const { user } = renderBookings(api);
      await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      await user.click(within(calendarOf("Morning Vinyasa Flow")).getByRole("button", { name: "Download .ics" }));
      expect(await within(card("Morning Vinyasa Flow")).findByRole("alert")).toHaveTextContent("The calendar file could not be downloaded. Booking 1 does not exist.");
      expect(clicked).toHaveLength(0);
    });

    it("links to Google Calendar in a new tab with the booking filled in", async () => {
      const booking = makeBooking({ id: 1, session: makeSession({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00" }) });
      renderBookings(bookingsApi([booking]));
      await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      const link = within(calendarOf("Morning Vinyasa Flow")).getByRole("link", { name: "Google Calendar (opens in a new tab)" });
      expect(link).toHaveAttribute("target", "_blank");
      expect(link).toHaveAttribute("rel", "noopener noreferrer");
      const url = new URL(link.getAttribute("href"));
      expect(`${url.origin}${url.pathname}`).toBe("https://calendar.google.com/calendar/render");
      expect(Object.fromEntries(url.searchParams)).toEqual({
        action: "TEMPLATE",
        text: "Morning Vinyasa Flow",
        dates: "20310115T033000Z/20310115T050000Z",
        details: `With Dr. Priya Sharma.\nYour booking: ${window.location.origin}/bookings`,
        location: "Lotus Studio, Bengaluru",
        ctz: "Asia/Kolkata",
      });
    });
  });

  describe("to a viewer in Europe/Berlin", () => {
    viewerInZone("Europe/Berlin");

    it("shows a place in line at its time in the event's zone with the viewer's own", async () => {
      const place = { ...YIN, session: makeSession({ id: 41, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00" }) };
      renderBookings(bookingsApi([], {}, [place]));
      const yin = await screen.findByRole("article", { name: "Yin Yoga & Journaling" });
      expect(yin.querySelector(".booking-when")).toHaveTextContent(/09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)$/);
    });

    it("shows a booking's time in the event's zone with the viewer's own, on the card and in the cancel dialog", async () => {
      const booking = makeBooking({ id: 1, session: makeSession({ id: 11, starts_at: "2031-01-15T03:30:00+00:00", ends_at: "2031-01-15T05:00:00+00:00" }) });
      const { user } = renderBookings(bookingsApi([booking]));
      const flow = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
      expect(flow.querySelector(".booking-when")).toHaveTextContent(/09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\)$/);
      await user.click(within(flow).getByRole("button", { name: "Cancel booking" }));
      expect(screen.getByRole("dialog", { name: "Cancel this booking?" })).toHaveTextContent(/on .*09:00.*10:30.* IST \(04:30.*06:00.* your time, CET\) will be given up\./);
    });
  });
});
