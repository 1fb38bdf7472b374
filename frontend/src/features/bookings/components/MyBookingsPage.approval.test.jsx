import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

/** A request to book a paid retreat, waiting for its facilitator's approval. */
const REQUEST = makeBooking({ id: 8, status: "pending_approval", hold_expires_at: daysFromNow(4), session: makeSession({ id: 11, price: 4_500_000 }) });

function renderWith(booking, cancel) {
  let current = booking;
  const api = fakeApi({
    "GET main /bookings": () => ok(bookingPage([current])),
    "POST main /bookings/8/cancel":
      cancel ??
      (() => {
        current = { ...current, status: "cancelled", cancelled_by: "person", cancelled_at: daysFromNow(0), hold_expires_at: null };
        return ok(current);
      }),
  });
  return { api, ...renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" }) };
}

describe("MyBookingsPage: a request waiting for approval", () => {
  it("says it waits for approval, until when the seat is held, and lets the person withdraw it", async () => {
    const { user, api } = renderWith(REQUEST);
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(card).getByText("Waiting for approval")).toBeInTheDocument();
    expect(card).toHaveTextContent(/Waiting for Dr. Priya Sharma to approve your request; your seat is held until/);
    expect(within(card).queryByRole("link", { name: /Pay now/ })).toBeNull();
    await user.click(within(card).getByRole("button", { name: "Withdraw request" }));
    const dialog = screen.getByRole("dialog", { name: "Withdraw this request?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, withdraw it" }));
    expect(api.callsTo("POST main /bookings/8/cancel")).toHaveLength(1);
    expect(await screen.findByText("You cancelled this booking.")).toBeInTheDocument();
  });

  it("says so when the request was decided meanwhile", async () => {
    const { user } = renderWith(REQUEST, () => apiError(409, "not_pending_approval", "This booking is no longer waiting for approval."));
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.click(within(card).getByRole("button", { name: "Withdraw request" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Yes, withdraw it" }));
    expect(await screen.findByText("Your request was decided meanwhile: see it below.")).toBeInTheDocument();
  });

  it("shows Pay now once approved and awaiting payment", async () => {
    renderWith({ ...REQUEST, status: "pending_payment", hold_expires_at: daysFromNow(1) });
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    expect(within(card).getAllByText("Awaiting payment").length).toBeGreaterThan(0);
    expect(within(card).getByRole("link", { name: /Pay now/ })).toBeInTheDocument();
  });
});
