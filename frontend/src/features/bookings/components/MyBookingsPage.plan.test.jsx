import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { bookingPage, daysFromNow, makeBooking, makePayment } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { MyBookingsPage } from "./MyBookingsPage.jsx";

const part = (number, status, days) => ({
  number,
  deposit: number === 0,
  amount: number === 0 ? 900_000 : 1_200_000,
  formatted: number === 0 ? "₹9,000" : "₹12,000",
  due_at: daysFromNow(days),
  due: "",
  status,
});

const planned = makeBooking({
  id: 5,
  payment: makePayment({ status: "succeeded", amount: 900_000 }),
  payment_plan: {
    schedule: [part(0, "paid", -2), part(1, "overdue", -1), part(2, "due", 30)],
    currency: "INR",
    paid: 900_000,
    paid_formatted: "₹9,000",
    outstanding: 2_400_000,
    outstanding_formatted: "₹24,000",
    next_due: 1,
  },
});

function renderWith(handlers = {}) {
  const api = fakeApi({ "GET main /bookings": () => ok(bookingPage([planned])), ...handlers });
  return { api, ...renderApp(<MyBookingsPage />, { route: paths.myBookings, api, as: "user" }) };
}

afterEach(() => vi.restoreAllMocks());

describe("MyBookingsPage: a booking under a payment plan", () => {
  it("shows the schedule with what is paid, due and overdue, and pays the next instalment", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const { user, api } = renderWith({
      "POST main /bookings/5/instalments/1/pay": () => ok({ booking_id: 5, number: 1, checkout_url: "https://pay.test/c/1" }),
    });
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    const table = within(card).getByRole("table", { name: /Payment plan/ });
    expect(table).toHaveAccessibleName("Payment plan · ₹9,000 paid · ₹24,000 to pay");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual(["Deposit", "Instalment 1", "Instalment 2"]);
    expect(rows[0]).toHaveTextContent("Paid");
    expect(rows[1]).toHaveTextContent("Overdue");
    expect(rows[2]).toHaveTextContent("Due");
    expect(within(rows[2]).queryByRole("button", { name: "Pay now" })).toBeNull();
    await user.click(within(rows[1]).getByRole("button", { name: "Pay now" }));
    await vi.waitFor(() => expect(went).toEqual(["https://pay.test/c/1"]));
    expect(api.callsTo("POST main /bookings/5/instalments/1/pay")).toHaveLength(1);
  });

  it("says why an instalment cannot be paid", async () => {
    const { user } = renderWith({
      "POST main /bookings/5/instalments/1/pay": () => apiError(409, "instalment_paid", "Instalment 1 is paid already."),
    });
    const card = await screen.findByRole("article", { name: "Morning Vinyasa Flow" });
    await user.click(within(card).getByRole("button", { name: "Pay now" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("Instalment 1 is paid already.");
  });
});
