import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makePaidBooking, makePayment, makeSession } from "../../../test/fixtures.js";
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

  it("says why when the seat can no longer be given back on its own", async () => {
    const api = groupApi(makeBooking({ id: 9, seats: 2, guests: [ANA] }), () => apiError(409, "not_active", "This booking is not active."));
    const { user } = renderBookings(api);
    await user.click(await screen.findByRole("button", { name: "Cancel Ana Silva's seat" }));
    await user.click(screen.getByRole("button", { name: "Yes, give it back" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only a confirmed booking can give back one guest's seat");
  });
});
