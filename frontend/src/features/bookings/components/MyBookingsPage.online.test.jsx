import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { EVENT_ZONE, bookingPage, daysFromNow, makeBooking, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const eventNamed = (id, title) => ({ id, title, kind: "session", location: "Lotus Studio, Bengaluru", timezone: EVENT_ZONE, facilitator: { id: 2, name: "Dr. Priya Sharma" } });

/** An active booking of an online class, with its join link. */
const ONLINE = makeBooking({
  id: 123,
  join_url: "http://localhost:5173/join/123",
  session: makeSession({ id: 31, event_id: 3, mode: "online", starts_at: daysFromNow(2) }),
  event: eventNamed(3, "Online breathwork"),
});
/** A hybrid class booked but not confirmed yet: no join link. */
const HYBRID = makeBooking({
  id: 124,
  status: "pending_approval",
  hold_expires_at: daysFromNow(1),
  session: makeSession({ id: 32, event_id: 4, mode: "hybrid", starts_at: daysFromNow(3) }),
  event: eventNamed(4, "Hybrid flow"),
});
/** An in-person class (the fixtures' default mode, and a null join_url). */
const STUDIO = makeBooking({ id: 125, session: makeSession({ id: 33, starts_at: daysFromNow(4) }), event: eventNamed(5, "Studio flow") });
/** A cancelled online class: the API gives it no join link. */
const CANCELLED = makeBooking({
  id: 126,
  status: "cancelled",
  cancelled_by: "person",
  cancelled_at: daysFromNow(-1),
  session: makeSession({ id: 34, event_id: 6, mode: "online", starts_at: daysFromNow(5) }),
  event: eventNamed(6, "Cancelled online class"),
});

function renderBookings(bookings) {
  const api = fakeApi({ "GET main /bookings": () => ok(bookingPage(bookings)) });
  return renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" });
}

describe("MyBookingsPage: online and hybrid classes", () => {
  it("offers \"Join online\" only on a booking with a join link, to the app's own join page", async () => {
    renderBookings([ONLINE, HYBRID, STUDIO, CANCELLED]);
    const online = await screen.findByRole("article", { name: "Online breathwork" });
    const join = within(online).getByRole("link", { name: "Join online" });
    expect(join).toHaveAttribute("href", paths.join(123));
    expect(join).toHaveAttribute("href", "/join/123");
    expect(join).toHaveAccessibleDescription(/^Online breathwork /);
    expect(screen.getAllByRole("link", { name: "Join online" })).toHaveLength(1);
    for (const title of ["Hybrid flow", "Studio flow", "Cancelled online class"]) {
      expect(within(screen.getByRole("article", { name: title })).queryByRole("link", { name: "Join online" })).not.toBeInTheDocument();
    }
  });

  it("says how each class is attended, and nothing for one in person", async () => {
    renderBookings([ONLINE, HYBRID, STUDIO]);
    expect(within(await screen.findByRole("article", { name: "Online breathwork" })).getByText("Online")).toBeInTheDocument();
    expect(within(screen.getByRole("article", { name: "Hybrid flow" })).getByText("Online and in person")).toBeInTheDocument();
    const studio = screen.getByRole("article", { name: "Studio flow" });
    expect(studio).not.toHaveTextContent(/Online/);
  });
});
