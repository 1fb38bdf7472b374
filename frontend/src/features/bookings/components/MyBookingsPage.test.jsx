import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { RequireAuth } from "../../../components/RequireAuth.jsx";
import { EVENT_ZONE, bookingPage, daysFromNow, makeBooking, makePaidBooking, makePayment, makeSession, makeWaiting } from "../../../test/fixtures.js";
import { formatDate } from "../../../lib/format.js";
import { leaveApp } from "../../../lib/leave-app.js";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const FLOW = makeBooking({ id: 1, session: makeSession({ id: 11, starts_at: daysFromNow(3) }) });
const SOUND = makeBooking({
  id: 2,
  status: "cancelled",
  cancelled_by: "person",
  cancelled_at: daysFromNow(-1),
  session: makeSession({ id: 21, event_id: 4, starts_at: daysFromNow(6) }),
  event: { id: 4, title: "Sound Healing Evening", kind: "session", location: "Nada Hall, Pune", timezone: EVENT_ZONE, facilitator: { id: 2, name: "Arjun Patel" } },
});
const RETREAT = makeBooking({
  id: 3,
  status: "cancelled",
  cancelled_by: "facilitator",
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
      current = current.map((b) => (b.id === 1 ? { ...b, status: "cancelled", cancelled_by: "person", cancelled_at: new Date().toISOString() } : b));
      return ok(current.find((b) => b.id === 1));
    },
    "POST main /bookings/2/reactivate": () => {
      current = current.map((b) => (b.id === 2 ? { ...b, status: "active", cancelled_by: null, cancelled_at: null } : b));
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

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderBookings(bookingsApi());
    await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(screen.getByRole("heading", { level: 1, name: "मेरी बुकिंग" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "आने वाली" })).toBeInTheDocument();
    expect(within(card("Morning Vinyasa Flow")).getByText("चालू")).toHaveClass("pill");
    expect(within(card("Morning Vinyasa Flow")).getByRole("button", { name: "बुकिंग रद्द करें" })).toBeInTheDocument();
    expect(card("Sound Healing Evening")).toHaveTextContent("आपने यह बुकिंग रद्द की।");
    expect(card("Meditation Retreat")).toHaveTextContent("आयोजक ने रद्द किया: Heavy rain closed the roads.");
  });

  it("names the child a booking is for", async () => {
    renderBookings(bookingsApi([{ ...FLOW, for: { id: 31, name: "Asha" } }]));
    expect(await screen.findByRole("article", { name: "Morning Vinyasa Flow" })).toHaveTextContent("For Asha");
  });

  it("names the child a place in line is for", async () => {
    renderBookings(bookingsApi([], {}, [{ ...YIN, for: { id: 32, name: "Ravi" } }]));
    expect(await screen.findByRole("article", { name: "Yin Yoga & Journaling" })).toHaveTextContent("For Ravi");
  });

  it("names who teaches each session, not who made its event", async () => {
    const substitute = { id: 9, name: "Meera Rao" };
    const taught = { ...FLOW, session: { ...FLOW.session, instructor: substitute } };
    const waiting = { ...YIN, session: { ...YIN.session, instructor: { id: 12, name: "Ravi Iyer" } } };
    renderBookings(bookingsApi([taught], {}, [waiting]));
    const booked = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(booked).toHaveTextContent("Lotus Studio, Bengaluru · with Meera Rao");
    expect(booked).not.toHaveTextContent("Dr. Priya Sharma");
    const place = screen.getByRole("article", { name: "Yin Yoga & Journaling" });
    expect(place).toHaveTextContent("Still Space, Hyderabad · with Ravi Iyer");
    expect(place).not.toHaveTextContent("Kavya Reddy");
  });

  it("says who cancelled from the booking, even when the session was cancelled after the person", async () => {
    const mineFirst = { ...SOUND, session: { ...SOUND.session, status: "cancelled" } };
    const unknown = { ...RETREAT, id: 4, cancelled_by: null, cancel_reason: null, event: { ...RETREAT.event, id: 6, title: "Old Retreat" } };
    renderBookings(bookingsApi([mineFirst, RETREAT, unknown]));
    const mine = await screen.findByRole("article", { name: "Sound Healing Evening" });
    expect(mine).toHaveTextContent("You cancelled this booking.");
    expect(mine).not.toHaveTextContent("facilitator");
    expect(card("Meditation Retreat")).toHaveTextContent("Cancelled by the facilitator: Heavy rain closed the roads.");
    expect(card("Old Retreat")).toHaveTextContent("Cancelled.");
    expect(card("Old Retreat")).not.toHaveTextContent(/facilitator|You cancelled/);
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

  describe("when the seat went to someone else", () => {
    const full = { "POST main /bookings/2/reactivate": () => apiError(409, "session_full", "This session is full.") };
    const reactivateFull = async (user) => {
      await user.click(await within(await screen.findByRole("article", { name: "Sound Healing Evening" })).findByRole("button", { name: "Reactivate" }));
      return screen.findByRole("button", { name: "Join the waiting list" });
    };

    it("offers joining the waiting list, and joins it", async () => {
      let waiting = [];
      const api = bookingsApi(undefined, {
        ...full,
        "GET main /bookings": () => ok(bookingPage([FLOW, SOUND, RETREAT], waiting)),
        "POST main /sessions/21/waitlist": () => {
          waiting = [makeWaiting({ session_id: 21, position: 3, session: SOUND.session, event: SOUND.event })];
          return reply(201, { session_id: 21, status: "waiting", position: 3 });
        },
      });
      const { user } = renderBookings(api);
      const offer = await reactivateFull(user);
      expect(screen.getByText(/You can join the waiting list/)).toBeInTheDocument();
      await user.click(offer);
      expect(await screen.findByText(/You're on the waiting list, number 3 in line\./)).toBeInTheDocument();
      expect(api.callsTo("POST main /sessions/21/waitlist")).toHaveLength(1);
      expect(screen.queryByRole("button", { name: "Join the waiting list" })).not.toBeInTheDocument();
      await waitFor(() => expect(within(section("Waiting lists")).getByRole("article", { name: "Sound Healing Evening" })).toHaveTextContent("Number 3 in line"));
    });

    it("books the seat when one came free at that moment", async () => {
      const api = bookingsApi(undefined, { ...full, "POST main /sessions/21/waitlist": () => reply(201, { session_id: 21, status: "active", booking_id: 9 }) });
      const { user } = renderBookings(api);
      await user.click(await reactivateFull(user));
      expect(await screen.findByText("A seat came free: you're booked.")).toBeInTheDocument();
    });

    it("does not offer the waiting list for other refusals", async () => {
      const api = bookingsApi(undefined, { "POST main /bookings/2/reactivate": () => apiError(409, "session_cancelled", "Cancelled.") });
      const { user } = renderBookings(api);
      await user.click(await within(await screen.findByRole("article", { name: "Sound Healing Evening" })).findByRole("button", { name: "Reactivate" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("This session has been cancelled.");
      expect(screen.queryByRole("button", { name: "Join the waiting list" })).not.toBeInTheDocument();
    });
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

    it("shows a seat offered to a place until when, with the way to take it", async () => {
      const offered = { ...YIN, status: "offered", offer_expires_at: "2031-01-15T03:30:00+00:00", offer_path: "/offers/eyJvIjo3fQ~sig" };
      renderBookings(bookingsApi(undefined, {}, [offered]));
      const yin = await screen.findByRole("article", { name: "Yin Yoga & Journaling" });
      expect(within(yin).getByText("Seat offered")).toHaveClass("pill");
      expect(yin).toHaveTextContent(/A seat came free: it is kept for you until Wed, Jan 15, 09:00 AM IST\./);
      expect(yin).not.toHaveTextContent("Number 2 in line");
      expect(within(yin).getByRole("link", { name: "Take or decline the seat" })).toHaveAttribute("href", "/offers/eyJvIjo3fQ~sig");
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

  describe("payments", () => {
    const HOUR = 3_600_000;
    const eventNamed = (id, title) => ({ ...FLOW.event, id, title });
    const paidSession = (id, startsAt = daysFromNow(6)) => makeSession({ id, event_id: id, price: 4_500_000, starts_at: startsAt });
    const succeeded = (overrides) => makePayment({ status: "succeeded", ...overrides });

    const HELD = makePaidBooking({ id: 20, session: paidSession(20), event: eventNamed(20, "Retreat on hold") });
    const PAID = makePaidBooking({ id: 21, status: "active", payment: succeeded(), session: paidSession(21), event: eventNamed(21, "Paid retreat") });
    const LATE = makePaidBooking({
      id: 22,
      status: "active",
      payment: succeeded(),
      session: paidSession(22, new Date(Date.now() + 5 * HOUR).toISOString()),
      event: eventNamed(22, "Starting soon"),
    });
    const REFUNDED_AT = "2031-01-15T06:30:00+00:00";
    const REFUNDED = makePaidBooking({
      id: 23,
      status: "refunded",
      payment: succeeded({ refund_status: "processed", refund_amount: 4_500_000, refunded_at: REFUNDED_AT }),
      session: paidSession(23),
      event: eventNamed(23, "Refunded retreat"),
    });
    const ON_ITS_WAY = makePaidBooking({ id: 24, status: "cancelled", payment: succeeded({ refund_status: "initiated" }), session: paidSession(24), event: eventNamed(24, "Refund coming") });
    const FAILED = makePaidBooking({ id: 25, status: "cancelled", payment: succeeded({ refund_status: "failed" }), session: paidSession(25), event: eventNamed(25, "Refund stuck") });
    const EXPIRED = makePaidBooking({ id: 26, status: "expired", session: paidSession(26), event: eventNamed(26, "Expired hold") });
    const DECLINED = makePaidBooking({ id: 27, status: "expired", payment: makePayment({ status: "failed" }), session: paidSession(27), event: eventNamed(27, "Card declined") });

    let went;
    beforeEach(() => {
      went = [];
      vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    });
    afterEach(() => vi.restoreAllMocks());

    it("offers the invoice of a paid booking, the credit note of a refunded one, and none of an unpaid one", async () => {
      renderBookings(bookingsApi([HELD, PAID, REFUNDED]));
      const paid = await screen.findByRole("article", { name: "Paid retreat" });
      expect(within(paid).getByRole("button", { name: "Invoice" })).toBeInTheDocument();
      expect(within(paid).queryByRole("button", { name: "Credit note" })).toBeNull();
      const refunded = screen.getByRole("article", { name: "Refunded retreat" });
      expect(within(refunded).getByRole("button", { name: "Credit note" })).toBeInTheDocument();
      const held = screen.getByRole("article", { name: "Retreat on hold" });
      expect(within(held).queryByRole("button", { name: "Invoice" })).toBeNull();
    });

    it("shows part given back by the studio beside what was paid, with its credit note", async () => {
      const part = makePaidBooking({ id: 28, status: "active", payment: succeeded({ amount: 59_000, staff_refunded: 29_500 }), amount_paid: 29_500, session: paidSession(28), event: eventNamed(28, "Part refunded") });
      renderBookings(bookingsApi([part]));
      const card = await screen.findByRole("article", { name: "Part refunded" });
      expect(within(card).getByText("Paid ₹590 · ₹295 refunded")).toBeInTheDocument();
      expect(within(card).getByRole("button", { name: "Invoice" })).toBeInTheDocument();
      expect(within(card).getByRole("button", { name: "Credit note" })).toBeInTheDocument();
    });

    it("shows a seat awaiting payment with the time left, Pay now and Cancel", async () => {
      // The hold's end counted from now, not from when the file loaded: a busy machine can take a minute between.
      renderBookings(bookingsApi([{ ...HELD, payment: makePayment() }]));
      const held = await screen.findByRole("article", { name: "Retreat on hold" });
      expect(section("Upcoming")).toContainElement(held);
      expect(within(held).getByText("Awaiting payment", { selector: ".pill" })).toHaveClass("warn");
      expect(held.querySelector(".booking-payment")).toHaveTextContent("Awaiting payment · 12 min left to pay");
      const pay = within(held).getByRole("link", { name: "Pay now" });
      expect(pay).toHaveAttribute("href", "http://main.test/payments/test/checkout/ref-50");
      expect(pay).toHaveAccessibleDescription(/^Retreat on hold /);
      expect(within(held).getByRole("button", { name: "Cancel" })).toBeInTheDocument();
      expect(within(held).queryByRole("group", { name: "Add to calendar" })).not.toBeInTheDocument();
    });

    it("cancels a held seat saying nothing is charged", async () => {
      const api = bookingsApi([HELD], { "POST main /bookings/20/cancel": () => ok({ ...HELD, status: "cancelled" }) });
      const { user } = renderBookings(api);
      await user.click(within(await screen.findByRole("article", { name: "Retreat on hold" })).getByRole("button", { name: "Cancel" }));
      const dialog = screen.getByRole("dialog", { name: "Cancel this booking?" });
      expect(dialog).toHaveTextContent("Nothing has been paid, so nothing will be charged.");
      await user.click(within(dialog).getByRole("button", { name: "Yes, cancel it" }));
      expect(await screen.findByText("Booking cancelled.")).toBeInTheDocument();
      expect(api.callsTo("POST main /bookings/20/cancel")).toHaveLength(1);
    });

    it("shows what was paid, and promises the refund when cancelling before the cutoff", async () => {
      let current = [PAID];
      const api = bookingsApi(undefined, {
        "GET main /bookings": () => ok(bookingPage(current)),
        "POST main /bookings/21/cancel": () => {
          current = [{ ...PAID, status: "cancelled", payment: { ...PAID.payment, refund_status: "initiated", refund_amount: 4_500_000 } }];
          return ok(current[0]);
        },
      });
      const { user } = renderBookings(api);
      const paid = await screen.findByRole("article", { name: "Paid retreat" });
      expect(paid.querySelector(".booking-payment")).toHaveTextContent(/^Paid ₹45,000$/);
      await user.click(within(paid).getByRole("button", { name: "Cancel booking" }));
      expect(screen.getByRole("dialog", { name: "Cancel this booking?" })).toHaveTextContent("You'll be refunded ₹45,000 in full.");
      await user.click(screen.getByRole("button", { name: "Yes, cancel it" }));
      expect(await screen.findByText("Booking cancelled. Your refund of ₹45,000 is on its way.")).toBeInTheDocument();
      await waitFor(() => expect(within(section("Cancelled")).getByRole("article", { name: "Paid retreat" })).toHaveTextContent("Refund of ₹45,000 on its way"));
    });

    it("warns that there is no refund after the cutoff", async () => {
      const { user } = renderBookings(bookingsApi([LATE]));
      await user.click(within(await screen.findByRole("article", { name: "Starting soon" })).getByRole("button", { name: "Cancel booking" }));
      const dialog = screen.getByRole("dialog", { name: "Cancel this booking?" });
      expect(dialog).toHaveTextContent("It's less than 24 hours before the start: no refund.");
      expect(dialog).not.toHaveTextContent("refunded");
    });

    it("shows each refund's state and an expired hold", async () => {
      renderBookings(bookingsApi([REFUNDED, ON_ITS_WAY, FAILED, EXPIRED]));
      const refunded = await screen.findByRole("article", { name: "Refunded retreat" });
      expect(within(refunded).getByText("Refunded", { selector: ".pill" })).toBeInTheDocument();
      expect(refunded).toHaveTextContent(`Paid ₹45,000Refunded ₹45,000 on ${formatDate(REFUNDED_AT)}`);
      expect(card("Refund coming")).toHaveTextContent("Refund of ₹45,000 on its way");
      expect(card("Refund stuck")).toHaveTextContent("Refund failed — we're looking into it");
      const expired = card("Expired hold");
      expect(within(expired).getByText("Hold expired", { selector: ".pill" })).toBeInTheDocument();
      expect(expired).toHaveTextContent("The payment didn't arrive before the hold ended, so the seat was released.");
      expect(within(expired).queryByRole("button")).not.toBeInTheDocument();
      expect(within(expired).queryByRole("link", { name: "Pay now" })).not.toBeInTheDocument();
      for (const booking of [REFUNDED, ON_ITS_WAY, FAILED, EXPIRED]) expect(section("Cancelled")).toContainElement(card(booking.event.title));
    });

    it("labels a hold ended by a declined payment as declined, not expired", async () => {
      renderBookings(bookingsApi([DECLINED]));
      const declined = await screen.findByRole("article", { name: "Card declined" });
      expect(within(declined).getByText("Payment declined", { selector: ".pill" })).toBeInTheDocument();
      expect(declined).not.toHaveTextContent("Hold expired");
      expect(declined).toHaveTextContent("The payment was declined, so the seat was released.");
    });

    it("says a refunded booking needs paying again to come back, and goes to the checkout", async () => {
      const api = bookingsApi([REFUNDED], {
        "POST main /bookings/23/reactivate": () => ok({ ...REFUNDED, status: "pending_payment", payment: makePayment({ checkout_url: "http://main.test/payments/test/checkout/ref-23" }) }),
      });
      const { user } = renderBookings(api);
      const refunded = await screen.findByRole("article", { name: "Refunded retreat" });
      expect(refunded).toHaveTextContent("You were refunded: reactivating it means paying ₹45,000 again.");
      const button = within(refunded).getByRole("button", { name: "Reactivate & pay" });
      expect(button).toHaveAccessibleDescription(/You were refunded: reactivating it means paying ₹45,000 again\.$/);
      await user.click(button);
      expect(await screen.findByText("Booking reactivated: your seat is held. Taking you to the payment page…")).toBeInTheDocument();
      expect(went).toEqual(["http://main.test/payments/test/checkout/ref-23"]);
    });

    it("brings back a booking still paid for without paying again", async () => {
      const kept = makePaidBooking({ id: 27, status: "cancelled", payment: succeeded(), session: paidSession(27), event: eventNamed(27, "Kept payment") });
      const api = bookingsApi([kept], { "POST main /bookings/27/reactivate": () => ok({ ...kept, status: "active" }) });
      const { user } = renderBookings(api);
      await user.click(within(await screen.findByRole("article", { name: "Kept payment" })).getByRole("button", { name: "Reactivate" }));
      expect(await screen.findByText("Booking reactivated.")).toBeInTheDocument();
      expect(went).toEqual([]);
    });
  });
});
