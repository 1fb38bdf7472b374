import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, makeBooking, makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const OPEN = makeSession({ id: 11, seats_taken: 2, max_seats_per_booking: 6 });
const FULL = makeSession({ id: 12, seats_taken: 12, waiting: 1, max_seats_per_booking: 4 });


function Page() {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function groupApi({ sessions = [OPEN, FULL], book } = {}) {
  return fakeApi({
    "GET main /events/1": () => ok(makeEvent({ sessions })),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage([], [])),
    "POST main /bookings/book": book ?? (({ body }) => reply(201, makeBooking({ id: 70, seats: body.seats, guests: [] }))),
    "POST main /sessions/12/waitlist": () => reply(201, { session_id: 12, status: "waiting", position: 2, booking_id: null }),
  });
}

describe("EventBooking: booking for several people", () => {
  it("books three seats with two named guests in one request", async () => {
    const api = groupApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog", { name: "Book this session?" });
    const seats = within(dialog).getByLabelText("Seats");
    expect(within(seats).getAllByRole("option")).toHaveLength(6); // the session's limit; 10 seats are left
    await user.selectOptions(seats, "3");
    await user.type(within(dialog).getByLabelText("Guest 1 name"), "Ana Silva");
    await user.type(within(dialog).getByLabelText("Guest 1 email"), "ana@example.com");
    await user.type(within(dialog).getByLabelText("Guest 2 name"), "Ben Okafor");
    expect(dialog).toHaveTextContent("Each guest with an email gets their own confirmation");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    await waitFor(() => expect(api.callsTo("POST main /bookings/book")).toHaveLength(1));
    expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({
      session_id: 11,
      seats: 3,
      guests: [{ name: "Ana Silva", email: "ana@example.com" }, { name: "Ben Okafor" }],
    });
    expect(await screen.findByText(/You're booked!/)).toBeInTheDocument();
  });

  it("keeps the dialog open and sends nothing while a guest's email has no name or is not an email", async () => {
    const api = groupApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "2");
    await user.type(within(dialog).getByLabelText("Guest 1 email"), "not-an-email");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(within(dialog).getByLabelText("Guest 1 name")).toHaveAccessibleDescription("Add their name too.");
    expect(within(dialog).getByLabelText("Guest 1 email")).toHaveAccessibleDescription(/Optional.*doesn't look like an email/);
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(0);
  });

  it("shows the total of a paid booking for three before it is confirmed", async () => {
    const paid = makeSession({ id: 11, seats_taken: 0, price: 80_000, currency: "INR" });
    const api = groupApi({ sessions: [paid] });
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book & pay");
    const dialog = screen.getByRole("dialog", { name: "Book and pay for this session?" });
    expect(dialog).toHaveTextContent(/₹800, paid on the next page/);
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "3");
    expect(dialog).toHaveTextContent(/3 seats × ₹800 = ₹2,400, paid on the next page/);
  });

  it("says how many seats are left when the group no longer fits, and books again with fewer", async () => {
    const book = ({ body }) =>
      body.seats > 2 ? apiError(409, "not_enough_seats", "Only 2 seats are left.", { seats_left: 2 }) : reply(201, makeBooking({ id: 70, seats: body.seats, guests: [] }));
    const api = groupApi({ book });
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "4");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Only 2 seats are left in this session.");
    expect(within(dialog).getByLabelText("Seats")).toHaveAccessibleDescription(/Choose 2 or fewer\./);
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "2");
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Guest 1 name"), "Ana");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByText(/You're booked!/)).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/book").map((call) => call.body.seats)).toEqual([4, 2]);
  });

  it("shows the server's objections beside the guest they name, counting only the guests it was sent", async () => {
    const details = { guests: { 1: { email: ["Not a valid email address."] } } };
    const api = groupApi({ book: () => apiError(400, "validation_error", "Invalid input.", details) });
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "4");
    await user.type(within(dialog).getByLabelText("Guest 1 name"), "Ana");
    await user.type(within(dialog).getByLabelText("Guest 3 name"), "Cleo");
    await user.type(within(dialog).getByLabelText("Guest 3 email"), "cleo@example.org");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    // Guest 2 was left unnamed, so the request's second guest is the dialog's third.
    await waitFor(() => expect(within(dialog).getByLabelText("Guest 3 email")).toHaveAccessibleDescription(/Not a valid email address\./));
    expect(within(dialog).getByLabelText("Guest 1 email")).not.toHaveAccessibleDescription(/Not a valid/);
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Check the seats and guests below.");
  });

  it("puts an objection to the guests as a whole above the fields", async () => {
    const details = { guests: ["At most 1 guest for 2 seats."] };
    const api = groupApi({ book: () => apiError(400, "validation_error", "Invalid input.", details) });
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    const dialog = screen.getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "2");
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("At most 1 guest for 2 seats.");
  });

  it("offers no seats choice where one booking is one person", async () => {
    const api = groupApi({ sessions: [makeSession({ id: 11, max_seats_per_booking: 1 })] });
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(11));
    await clickInRow(user, 11, "Book");
    expect(within(screen.getByRole("dialog")).queryByLabelText("Seats")).not.toBeInTheDocument();
  });

  it("lets a group join the waiting list for all its seats, saying how a group waits", async () => {
    const api = groupApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    await waitFor(() => rowOf(12));
    await clickInRow(user, 12, "Join waiting list");
    const dialog = screen.getByRole("dialog", { name: "Join the waiting list?" });
    expect(within(within(dialog).getByLabelText("Seats")).getAllByRole("option")).toHaveLength(4);
    await user.selectOptions(within(dialog).getByLabelText("Seats"), "2");
    expect(dialog).toHaveTextContent("the seats come to you only when all 2 are free");
    await user.type(within(dialog).getByLabelText("Guest 1 name"), "Ana");
    await user.click(within(dialog).getByRole("button", { name: "Join waiting list" }));
    await waitFor(() => expect(api.callsTo("POST main /sessions/12/waitlist")).toHaveLength(1));
    expect(api.callsTo("POST main /sessions/12/waitlist")[0].body).toEqual({ seats: 2, guests: [{ name: "Ana" }] });
  });
});
