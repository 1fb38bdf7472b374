import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, makeBooking, makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const PRIVATE = { id: 71, name: "Private room", price: 6_000_000, capacity: 4, seats_left: 0 };
const TWIN = { id: 72, name: "Shared twin", price: 4_500_000, capacity: 12, seats_left: 3 };
const TENT = { id: 73, name: "Tent", price: 0, capacity: 2, seats_left: 2 };
const RETREAT = makeSession({ id: 11, capacity: 16, seats_taken: 13, price: 4_500_000, options: [PRIVATE, TWIN] });
const CAMP = makeSession({ id: 12, capacity: 10, seats_taken: 0, options: [TENT] });


function renderWith(handlers = {}) {
  const event = makeEvent({ sessions: [RETREAT, CAMP] });
  const api = fakeApi({ "GET main /bookings": () => ok(bookingPage([], [])), ...handlers });
  const result = renderApp(<EventBooking event={event} sessionsTable={(action) => <SessionRows event={event} sessionAction={action} />} />, { api, as: "user" });
  return { api, ...result };
}

describe("EventBooking: room options", () => {
  it("offers each option with its price and what it has left, starting with one that has room", async () => {
    const { user } = renderWith();
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    const dialog = screen.getByRole("dialog", { name: "Book and pay for this session?" });
    const room = within(dialog).getByRole("group", { name: "Room" });
    const twin = within(room).getByRole("radio", { name: "Shared twin, ₹45,000 (3 left)" });
    const full = within(room).getByRole("radio", { name: "Private room, ₹60,000 (Full)" });
    expect(twin).toBeChecked();
    expect(full).not.toBeChecked();
    expect(dialog.querySelector(".booking-terms")).toHaveTextContent(/^₹45,000, paid on the next page/);
  });

  it("books the option chosen, sending its id", async () => {
    const booked = makeBooking({ id: 90, session: CAMP, option: { id: TENT.id, name: "Tent" } });
    const { api, user } = renderWith({ "POST main /bookings/book": () => reply(201, booked) });
    await waitFor(() => rowOf(12));
    await clickInRow(user, 12, "Book");
    const dialog = screen.getByRole("dialog", { name: "Book this session?" });
    expect(within(dialog).getByRole("radio", { name: "Tent, Free (2 left)" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    await waitFor(() => expect(api.callsTo("POST main /bookings/book")).toHaveLength(1));
    expect(api.callsTo("POST main /bookings/book")[0].body).toMatchObject({ session_id: 12, option_id: TENT.id });
  });

  it("offers a full option's own waiting list, naming it", async () => {
    const { api, user } = renderWith({
      "POST main /sessions/11/waitlist": () => reply(201, { session_id: 11, status: "waiting", position: 1, booking_id: null }),
    });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    await user.click(screen.getByRole("radio", { name: "Private room, ₹60,000 (Full)" }));
    const dialog = screen.getByRole("dialog", { name: "Join the waiting list for Private room?" });
    expect(dialog).toHaveTextContent("Private room is full.");
    expect(dialog.querySelector(".booking-terms")).toBeNull();
    await user.click(within(dialog).getByRole("button", { name: "Join waiting list for Private room" }));
    await waitFor(() => expect(api.callsTo("POST main /sessions/11/waitlist")).toHaveLength(1));
    expect(api.callsTo("POST main /sessions/11/waitlist")[0].body).toMatchObject({ option_id: PRIVATE.id });
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(0);
  });
});
