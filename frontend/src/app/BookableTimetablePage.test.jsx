import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, ok, reply } from "../test/fake-api.js";
import { bookingPage } from "../test/fixtures.js";
import { renderApp } from "../test/render.jsx";
import { viewerInZone } from "../test/viewer-zone.js";
import { paths } from "../lib/paths.js";
import { addDays, mondayOf, today, weekDays } from "../features/events/week.js";
import { BookableTimetablePage } from "./BookableTimetablePage.jsx";

// This week on the viewer's clock, read in each test (the viewer's zone is set per test); sessions go in next week,
// so they are still ahead whatever day the test runs on.
const thisMonday = () => mondayOf(today());
const nextMonday = () => addDays(thisMonday(), 7);

/** A session of the timetable as GET /timetable gives it, on `date` at 07:00–08:00 in Berlin (UTC+1 in winter). */
function entry({ id, date, title = "Morning Flow", kind = "session", facilitator = { id: 2, name: "Dr. Priya Sharma" }, instructor = facilitator, seatsLeft = 5, price = 0, ages = {} }) {
  return {
    id,
    event_id: id * 10,
    starts_at: `${date}T06:00:00+00:00`,
    ends_at: `${date}T07:00:00+00:00`,
    date,
    start_time: "07:00",
    end_time: "08:00",
    capacity: 12,
    seats_left: seatsLeft,
    waiting: 0,
    price,
    currency: "INR",
    bookable: true,
    event: { id: id * 10, title, kind, location: "Studio 1", timezone: "Europe/Berlin", refund_until_hours: 24, ...ages },
    facilitator,
    instructor,
  };
}

function weekOf(monday, sessions) {
  return { from: monday, to: addDays(monday, 6), days: weekDays(monday).map((date) => ({ date, sessions: sessions.filter((s) => s.date === date) })) };
}

function timetableApi(sessionsFor) {
  return fakeApi({
    "GET main /timetable": ({ query }) => ok(weekOf(query.from, sessionsFor(query))),
    "GET main /bookings": () => ok(bookingPage([], [])),
    "POST main /bookings/book": ({ body }) => reply(201, { id: 99, status: "active", session_id: body.session_id }),
    // The booking dialog asks the event's questions (none here); events are numbered id * 10.
    ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((id) => [`GET main /events/${id * 10}/questions`, () => ok({ items: [] })])),
  });
}

const render = (api, route = paths.timetable) => renderApp(<BookableTimetablePage />, { route, path: paths.timetable, api, as: "user" });

describe("BookableTimetablePage", () => {
  viewerInZone("Asia/Kolkata");

  it("shows the week day by day, each session on its event's clock and the viewer's", async () => {
    const NEXT = nextMonday();
    const api = timetableApi(({ from }) => (from === NEXT ? [entry({ id: 1, date: addDays(NEXT, 2) }), entry({ id: 2, date: addDays(NEXT, 2), title: "Silent Retreat", kind: "retreat", seatsLeft: 0, ages: { min_age: 18 } })] : []));
    render(api, `${paths.timetable}?week=${NEXT}`);
    const list = await screen.findByRole("list", { name: /^Sessions on / });
    expect(screen.getAllByRole("heading", { level: 2 })).toHaveLength(7);
    expect(screen.queryByText("Today")).not.toBeInTheDocument();
    const [flow, retreat] = within(list).getAllByRole("listitem");
    expect(flow).toHaveTextContent(/07:00 – 08:00 CET/);
    expect(flow).toHaveTextContent(/11:30.*12:30.*your time, IST/);
    expect(within(flow).getByRole("link", { name: "Morning Flow" })).toHaveAttribute("href", "/events/10");
    expect(flow).toHaveTextContent("Dr. Priya Sharma · Studio 1");
    expect(within(flow).getByRole("button", { name: "Book" })).toBeInTheDocument();
    expect(retreat).toHaveTextContent("Retreat");
    expect(retreat).toHaveTextContent("Ages 18 and up");
    expect(flow).not.toHaveTextContent("Ages");
    expect(within(retreat).getByRole("button", { name: "Join waiting list" })).toBeInTheDocument();
    expect(api.callsTo("GET main /timetable")[0].query).toMatchObject({ from: NEXT, to: addDays(NEXT, 6) });
  });

  it("books from the timetable through the usual dialog, which names the session's own event", async () => {
    const NEXT = nextMonday();
    const api = timetableApi(({ from }) => (from === NEXT ? [entry({ id: 1, date: addDays(NEXT, 3) })] : []));
    const { user } = render(api, `${paths.timetable}?week=${NEXT}`);
    const book = await screen.findByRole("button", { name: "Book" });
    await waitFor(() => expect(book).toBeEnabled()); // once the person's own bookings are read
    await user.click(book);
    const dialog = screen.getByRole("dialog", { name: "Book this session?" });
    expect(dialog).toHaveTextContent("Morning Flow");
    expect(dialog).toHaveTextContent("Studio 1");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(api.callsTo("POST main /bookings/book").map((call) => call.body)).toEqual([{ session_id: 1, seats: 1, guests: [] }]);
  });

  it("opens on this week with today marked, moves a week at a time and filters, all through the URL", async () => {
    const MONDAY = thisMonday();
    const api = timetableApi(() => []);
    const { user } = render(api);
    await screen.findAllByText("No sessions");
    expect(screen.getByRole("listitem", { current: "date" })).toHaveTextContent("Today");
    expect(api.callsTo("GET main /timetable")[0].query).toMatchObject({ from: MONDAY, to: addDays(MONDAY, 6) });
    await user.click(screen.getByRole("button", { name: /Next week/ }));
    expect(await screen.findByTestId("location")).toHaveTextContent(`week=${addDays(MONDAY, 7)}`);
    await user.selectOptions(screen.getByLabelText("Kind"), "retreat");
    await user.type(screen.getByLabelText("Search"), "yin");
    await user.click(screen.getByRole("button", { name: "Search" }));
    const last = api.callsTo("GET main /timetable").at(-1).query;
    expect(last).toMatchObject({ from: addDays(MONDAY, 7), to: addDays(MONDAY, 13), kind: "retreat", q: "yin" });
    await user.click(screen.getByRole("button", { name: "This week" }));
    expect(api.callsTo("GET main /timetable").at(-1).query.from).toBe(MONDAY);
  });
  it("filters by who teaches each session, not only by who made the events", async () => {
    const NEXT = nextMonday();
    const owner = { id: 2, name: "Dr. Priya Sharma" };
    const meera = { id: 20, name: "Meera Rao" };
    const week = [entry({ id: 1, date: NEXT }), entry({ id: 2, date: addDays(NEXT, 1), title: "Evening Yin", instructor: meera })];
    const api = timetableApi(({ instructor_id: teacher }) => (teacher ? week.filter((one) => String(one.instructor.id) === teacher) : week));
    const { user } = render(api, `${paths.timetable}?week=${NEXT}`);
    const filter = await screen.findByRole("combobox", { name: "Teacher" });
    await screen.findByText("Evening Yin");
    expect(within(filter).getAllByRole("option").map((option) => option.textContent)).toEqual(["Anyone", owner.name, meera.name]);
    await user.selectOptions(filter, String(meera.id));
    expect(await screen.findByTestId("location")).toHaveTextContent(`teacher=${meera.id}`);
    await waitFor(() => expect(api.callsTo("GET main /timetable").at(-1).query).toMatchObject({ instructor_id: String(meera.id) }));
    await waitFor(() => expect(screen.queryByText("Morning Flow")).not.toBeInTheDocument());
    expect(screen.getByText("Evening Yin")).toBeInTheDocument();
  });
});
