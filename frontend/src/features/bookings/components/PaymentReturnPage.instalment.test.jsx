import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { daysFromNow, makePaidBooking, makePayment } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { PaymentReturnPage } from "./PaymentReturnPage.jsx";

const part = (number, status) => ({
  number,
  deposit: number === 0,
  amount: 900_000,
  formatted: "₹9,000",
  due_at: daysFromNow(number * 30),
  due: "",
  status,
});

/** A booked retreat under a plan: the deposit paid, instalment 1 `first`, instalment 2 due. */
const planned = (first) =>
  makePaidBooking({
    id: 50,
    status: "active",
    payment: makePayment({ status: "succeeded", amount: 900_000 }),
    payment_plan: {
      schedule: [part(0, "paid"), part(1, first), part(2, "due")],
      currency: "INR",
      paid: first === "paid" ? 1_800_000 : 900_000,
      paid_formatted: first === "paid" ? "₹18,000" : "₹9,000",
      outstanding: first === "paid" ? 900_000 : 1_800_000,
      outstanding_formatted: first === "paid" ? "₹9,000" : "₹18,000",
      next_due: first === "paid" ? 2 : 1,
    },
  });

function renderReturn(answers, result = "success") {
  let calls = 0;
  const api = fakeApi({ "GET main /bookings/50": () => ok(answers[Math.min(calls++, answers.length - 1)]) });
  renderApp(<PaymentReturnPage pollMs={20} pollForMs={60_000} />, {
    route: `${paths.bookingPayment(50)}?result=${result}&instalment=1`,
    path: patterns.bookingPayment,
    api,
    as: "user",
  });
  return api;
}

describe("PaymentReturnPage: back from an instalment's checkout", () => {
  it("waits for that instalment, then says it is paid and what is left, not that the seat was just booked", async () => {
    renderReturn([planned("due"), planned("paid")]);
    expect(await screen.findByRole("heading", { level: 1, name: "Waiting for your payment of instalment 1" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { level: 1, name: "Instalment 1 is paid" })).toBeInTheDocument();
    expect(screen.getByText(/Your payment of/)).toHaveTextContent("Your payment of ₹9,000 went through. Still to pay: ₹9,000. A receipt is on its way to asha@example.com.");
    expect(screen.queryByText(/You're booked/)).not.toBeInTheDocument();
    expect(screen.queryByText(/held/)).not.toBeInTheDocument();
  });

  it("says the instalment is still due when the person left the checkout without paying", async () => {
    renderReturn([planned("due")], "cancel");
    expect(await screen.findByRole("heading", { level: 1, name: "Instalment 1 is not paid yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Pay instalment 1" })).toHaveAttribute("href", paths.instalmentPay(50, 1));
    expect(screen.queryByText(/held/)).not.toBeInTheDocument();
  });
});
