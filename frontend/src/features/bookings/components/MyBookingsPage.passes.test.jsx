import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const HOUR = 3_600_000;

/** A booking of an ₹800 session made with a pass, its session `hoursAhead` away and the credit-back cut-off 12 hours
 *  before it. */
function passBooking(hoursAhead) {
  const starts = new Date(Date.now() + hoursAhead * HOUR).toISOString();
  return makeBooking({
    id: 8,
    pass_id: 90,
    credit_back_until: new Date(Date.now() + (hoursAhead - 12) * HOUR).toISOString(),
    session: makeSession({ id: 11, price: 80_000, starts_at: starts }),
  });
}

function renderWith(booking) {
  let current = booking;
  const api = fakeApi({
    "GET main /bookings": () => ok(bookingPage([current])),
    "POST main /bookings/8/cancel": () => {
      current = { ...current, status: "cancelled", cancelled_by: "person", cancelled_at: daysFromNow(0) };
      return ok(current);
    },
  });
  return { api, ...renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" }) };
}

async function openCancel(user) {
  const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
  expect(card).toHaveTextContent("Booked with a pass");
  expect(card).not.toHaveTextContent("Paid");
  await user.click(within(card).getByRole("button", { name: "Cancel booking" }));
  return screen.getByRole("dialog", { name: "Cancel this booking?" });
}

describe("MyBookingsPage: bookings made with a pass", () => {
  it("says the credit comes back when cancelled before the cut-off", async () => {
    const { user, api } = renderWith(passBooking(48));
    const dialog = await openCancel(user);
    expect(dialog).toHaveTextContent("The credit goes back to your pass.");
    expect(dialog).not.toHaveTextContent("refund");
    await user.click(within(dialog).getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByText("Booking cancelled. The credit is back on your pass.")).toBeInTheDocument();
    expect(api.callsTo("POST main /bookings/8/cancel")).toHaveLength(1);
  });

  it("says the credit is forfeited after it", async () => {
    const { user } = renderWith(passBooking(6));
    const dialog = await openCancel(user);
    expect(dialog).toHaveTextContent("It's past the cancellation cut-off: the credit is forfeited.");
    await user.click(within(dialog).getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByText("Booking cancelled. The credit was forfeited.")).toBeInTheDocument();
  });

  it("offers a cancelled one back without paying: the pass pays again", async () => {
    renderWith({ ...passBooking(48), status: "cancelled", cancelled_by: "person", cancelled_at: daysFromNow(-1) });
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(card).getByRole("button", { name: "Reactivate" })).toBeInTheDocument();
    expect(card).toHaveTextContent("Reactivating it books it with your pass again.");
  });
});
