import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makePaidBooking, makePayment, makeSession, makeWaiting } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const ANA = { id: 5, name: "Ana Silva", email: "ana@example.com", status: "active" };
const BEN = { id: 6, name: "Ben Okafor", email: null, status: "active" };

function groupApi(booking, cancel) {
  let current = booking;
  const api = fakeApi({
    "GET main /bookings": () => ok(bookingPage([current], [])),
    [`POST main /bookings/${booking.id}/guests/5/cancel`]:
      cancel ??
      (() => {
        current = { ...current, seats: current.seats - 1, guests: current.guests.map((guest) => (guest.id === 5 ? { ...guest, status: "cancelled" } : guest)) };
        return ok(current);
      }),
  });
  return api;
}

const renderBookings = (api) => renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" });

describe("MyBookingsPage: a booking for several people", () => {
  it("shows the seats and guests, and gives back one guest's seat after confirming", async () => {
    const api = groupApi(makeBooking({ id: 9, seats: 3, guests: [ANA, BEN] }));
    const { user } = renderBookings(api);
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(card).toHaveTextContent("3 seats: you and 2 guests");
    expect(within(card).getByRole("list", { name: "Guests" })).toHaveTextContent("Ana Silva · ana@example.com");
    await user.click(within(card).getByRole("button", { name: "Cancel Ana Silva's seat" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel Ana Silva's seat?" });
    expect(dialog).toHaveTextContent("Your own seat and your other guests' stay booked.");
    expect(dialog).toHaveTextContent("Ana Silva gets an email saying the seat is cancelled.");
    await user.click(within(dialog).getByRole("button", { name: "Yes, give it back" }));
    expect(await screen.findByText("Ana Silva's seat is given back.")).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/9/guests/5/cancel")).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole("article", { name: "Morning Vinyasa Flow" })).toHaveTextContent("2 seats: you and 1 guest"));
    const again = screen.getByRole("article", { name: "Morning Vinyasa Flow" });
    expect(again).toHaveTextContent("Ana Silva · ana@example.com · seat given back");
    expect(within(again).queryByRole("button", { name: "Cancel Ana Silva's seat" })).not.toBeInTheDocument();
  });

  it("says one seat's price comes back for a paid booking before the cutoff", async () => {
    const session = makeSession({ id: 11, price: 80_000, starts_at: daysFromNow(5) });
    const paid = makePaidBooking({ id: 9, status: "active", session, seats: 3, guests: [ANA, BEN], payment: makePayment({ status: "succeeded", amount: 240_000 }) });
    const { user } = renderBookings(groupApi(paid));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.click(within(card).getByRole("button", { name: "Cancel Ana Silva's seat" }));
    expect(screen.getByRole("dialog")).toHaveTextContent("You'll be refunded ₹800, one seat's price.");
  });

  it("offers no guest's cancel while the booking awaits its payment", async () => {
    const held = makePaidBooking({ id: 9, seats: 2, guests: [ANA] });
    renderBookings(groupApi(held));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(card).toHaveTextContent("2 seats: you and 1 guest");
    expect(within(card).queryByRole("button", { name: "Cancel Ana Silva's seat" })).not.toBeInTheDocument();
  });

  it("offers no guest's cancel on a booking paid in instalments", async () => {
    const planned = makeBooking({ id: 9, seats: 2, guests: [ANA], payment_plan: { schedule: [], currency: "INR", paid: 0, outstanding: 0 } });
    renderBookings(groupApi(planned));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(card).toHaveTextContent("2 seats: you and 1 guest");
    expect(within(card).queryByRole("button", { name: "Cancel Ana Silva's seat" })).not.toBeInTheDocument();
  });

  it("says why when the seat can no longer be given back on its own", async () => {
    const api = groupApi(makeBooking({ id: 9, seats: 2, guests: [ANA] }), () => apiError(409, "not_active", "This booking is not active."));
    const { user } = renderBookings(api);
    await user.click(await screen.findByRole("button", { name: "Cancel Ana Silva's seat" }));
    await user.click(screen.getByRole("button", { name: "Yes, give it back" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only a confirmed booking can give back one guest's seat");
  });

  it("says which guests were not emailed, and why", async () => {
    const withheld = [
      { ...ANA, email_withheld: "limit" },
      { id: 7, name: "Kiran Rao", email: "kiran@example.com", status: "active", email_withheld: "unsubscribed" },
    ];
    renderBookings(groupApi(makeBooking({ id: 9, seats: 3, guests: withheld })));
    const list = within(await screen.findByRole("article", { name: "Morning Vinyasa Flow" })).getByRole("list", { name: "Guests" });
    expect(list).toHaveTextContent("Ana Silva · ana@example.com · not emailed: too many emails to guests for now, tell them yourself");
    expect(list).toHaveTextContent("Kiran Rao · kiran@example.com · not emailed: they asked for no emails about seats booked for them");
  });

  it("counts the seats of a booking whose guests are not listed", async () => {
    renderBookings(groupApi(makeBooking({ id: 9, seats: 3, guests: [] })));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(card).toHaveTextContent("3 seats: you and 2 guests");
    expect(within(card).queryByRole("list", { name: "Guests" })).not.toBeInTheDocument();
  });

  it("says a group's place in line waits for all its seats", async () => {
    const api = fakeApi({ "GET main /bookings": () => ok(bookingPage([], [makeWaiting({ session_id: 12, position: 1, seats: 3 })])) });
    renderBookings(api);
    const section = await screen.findByRole("region", { name: "Waiting lists" });
    expect(section).toHaveTextContent("Number 1 in line, for 3 seats together");
  });

  it("offers the waiting list to the same party when its seats are no longer all free", async () => {
    const cancelled = makeBooking({ id: 9, status: "cancelled", cancelled_by: "person", seats: 2, guests: [ANA], session: makeSession({ id: 11, starts_at: daysFromNow(4) }) });
    const api = fakeApi({
      "GET main /bookings": () => ok(bookingPage([cancelled], [])),
      "POST main /bookings/9/reactivate": () => apiError(409, "not_enough_seats", "Only 1 seat is left.", { seats_left: 1 }),
      "POST main /sessions/11/waitlist": () => reply(201, { session_id: 11, status: "waiting", position: 1 }),
    });
    const { user } = renderBookings(api);
    await user.click(await screen.findByRole("button", { name: "Reactivate" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only 1 seat is left.");
    await user.click(screen.getByRole("button", { name: "Join the waiting list" }));
    await waitFor(() => expect(api.callsTo("POST main /sessions/11/waitlist")).toHaveLength(1));
    expect(api.callsTo("POST main /sessions/11/waitlist")[0].body).toEqual({ seats: 2, guests: [{ name: "Ana Silva", email: "ana@example.com" }] });
  });
});

describe("MyBookingsPage: a guest's seat refunded", () => {
  it.each([
    ["initiated", "Ana Silva · ana@example.com · seat given back · refund of ₹1,500 on its way"],
    ["processed", "Ana Silva · ana@example.com · seat given back · refunded ₹1,500"],
    ["failed", "Ana Silva · ana@example.com · seat given back · refund failed — we're looking into it"],
  ])("says what became of the seat's money (%s) beside the guest", async (refund, line) => {
    const gone = { ...ANA, status: "cancelled", refund_status: refund, refund_amount: 150_000 };
    const booking = makePaidBooking({ id: 9, status: "active", seats: 2, guests: [gone, BEN], payment: makePayment({ status: "succeeded", amount: 450_000 }) });
    renderBookings(groupApi(booking));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(card).getByRole("list", { name: "Guests" }).querySelector("li")).toHaveTextContent(line);
  });
});
