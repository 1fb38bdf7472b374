import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatDateTime } from "../../../lib/format.js";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { makePaidBooking, makePayment } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { PaymentReturnPage } from "./PaymentReturnPage.jsx";

const PENDING = makePaidBooking({ id: 50 });
const PAID_AT = "2031-01-10T08:15:00+00:00";
const BOOKED = makePaidBooking({ id: 50, status: "active", payment: makePayment({ status: "succeeded", paid_at: PAID_AT }) });
const DECLINED = makePaidBooking({ id: 50, status: "expired", payment: makePayment({ status: "failed" }) });
const EXPIRED = makePaidBooking({ id: 50, status: "expired", payment: makePayment({ status: "pending", expires_at: new Date(Date.now() - 1000).toISOString() }) });

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /bookings/50 answering each of `answers` in turn, the last one for good. */
function bookingApi(answers, more = {}) {
  let calls = 0;
  return fakeApi({
    "GET main /bookings/50": () => ok(answers[Math.min(calls++, answers.length - 1)]),
    ...more,
  });
}

function renderReturn(api, { result = "success", pollMs = 30, pollForMs = 60_000 } = {}) {
  return renderApp(<PaymentReturnPage pollMs={pollMs} pollForMs={pollForMs} />, {
    route: `${paths.bookingPayment(50)}?result=${result}`,
    path: patterns.bookingPayment,
    api,
    as: "user",
  });
}

const gets = (api) => api.callsTo("GET main /bookings/50").length;

describe("PaymentReturnPage", () => {
  let went;
  beforeEach(() => {
    went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
  });
  afterEach(() => vi.restoreAllMocks());

  it("waits for the payment with the hold's time left, then shows the receipt and stops asking", async () => {
    const api = bookingApi([PENDING, PENDING, BOOKED]);
    renderReturn(api);
    expect(await screen.findByRole("heading", { level: 1, name: "Waiting for your payment" })).toBeInTheDocument();
    expect(document.title).toBe("Payment · Sessions & Retreats");
    expect(screen.getByText("Waiting for the payment to be confirmed…")).toBeInTheDocument();
    expect(screen.getByText(/Your seat is held for/)).toHaveTextContent(/^Your seat is held for 12:(29|30) more\.$/);
    expect(screen.getByRole("link", { name: "Go to payment" })).toHaveAttribute("href", "http://main.test/payments/test/checkout/ref-50");

    expect(await screen.findByRole("heading", { level: 1, name: "You're booked!" })).toBeInTheDocument();
    expect(screen.getByText(/Your payment went through/)).toHaveTextContent("Your payment went through and the seat is yours. A confirmation with your receipt is on its way to asha@example.com.");
    expect(screen.getByRole("heading", { level: 2, name: "Receipt" })).toBeInTheDocument();
    const receipt = document.querySelector(".payment-facts");
    expect(receipt).toHaveTextContent("Amount paid₹45,000");
    expect(receipt).toHaveTextContent(`Paid on${formatDateTime(PAID_AT, { label: true })}`);
    expect(within(receipt).getByRole("link", { name: "Morning Vinyasa Flow" })).toHaveAttribute("href", "/events/1");
    expect(screen.getByRole("group", { name: "Add to calendar" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "My bookings" })).toHaveAttribute("href", "/bookings");

    const asked = gets(api);
    await pause(150);
    expect(gets(api)).toBe(asked);
  });

  it("says when it takes longer than usual, with a reload link, and stops asking", async () => {
    const api = bookingApi([PENDING]);
    renderReturn(api, { pollMs: 20, pollForMs: 150 });
    const slow = await screen.findByRole("alert");
    expect(slow).toHaveTextContent("This is taking longer than usual. Reload this page to check again; an email confirms your booking as soon as the payment arrives.");
    expect(within(slow).getByRole("link", { name: "Reload this page" })).toHaveAttribute("href", "/bookings/50/payment?result=success");
    // How many asks fit in the window depends on the machine's load; that it asked, then stopped, does not.
    expect(gets(api)).toBeGreaterThanOrEqual(1);
    // An ask already scheduled when the window ended may still go, once: the interval is dropped after the render
    // that shows the alert, and a loaded machine can fire it in between. After that, none.
    let asked = gets(api);
    await pause(100);
    expect(gets(api) - asked).toBeLessThanOrEqual(1);
    asked = gets(api);
    await pause(150);
    expect(gets(api)).toBe(asked);
  });

  it("stops asking when the page goes", async () => {
    const api = bookingApi([PENDING]);
    const { unmount } = renderReturn(api, { pollMs: 20 });
    await waitFor(() => expect(gets(api)).toBeGreaterThanOrEqual(2));
    unmount();
    const asked = gets(api);
    await pause(120);
    expect(gets(api)).toBe(asked);
  });

  it("says the person left the checkout without paying, the seat still held", async () => {
    renderReturn(bookingApi([PENDING]), { result: "cancel" });
    expect(await screen.findByText("You left the payment page without paying. Your seat stays held until the time runs out.")).toBeInTheDocument();
    expect(screen.queryByText("Waiting for the payment to be confirmed…")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to payment" })).toBeInTheDocument();
  });

  it("says a declined payment released the seat, and books again for a fresh checkout", async () => {
    const api = bookingApi([DECLINED], {
      "POST main /bookings/book": ({ body }) =>
        reply(201, makePaidBooking({ id: 51, session_id: body.session_id, payment: makePayment({ checkout_url: "http://main.test/payments/test/checkout/ref-51" }) })),
    });
    const { user } = renderReturn(api);
    expect(await screen.findByRole("heading", { level: 1, name: "The payment was declined" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("No money was taken, and the seat was given back.");
    expect(screen.getByRole("link", { name: "Back to the event" })).toHaveAttribute("href", "/events/1");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(went).toEqual(["http://main.test/payments/test/checkout/ref-51"]));
    expect(api.callsTo("POST main /bookings/book")[0].body).toEqual({ session_id: 11, seats: 1, guests: [] });
    expect(screen.getByRole("button", { name: "Opening the payment page…" })).toHaveAttribute("aria-disabled", "true");
  });

  it("asks for a fresh checkout when the seat is still held after a decline", async () => {
    const declinedHeld = makePaidBooking({ id: 50, payment: makePayment({ status: "failed" }) });
    const api = bookingApi([declinedHeld], {
      "POST main /bookings/50/pay": () => ok({ ...PENDING, payment: makePayment({ checkout_url: "http://main.test/payments/test/checkout/ref-50b" }) }),
    });
    const { user } = renderReturn(api);
    expect(await screen.findByRole("heading", { level: 1, name: "The payment was declined" })).toBeInTheDocument();
    expect(screen.getByText(/Your seat is held for/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(went).toEqual(["http://main.test/payments/test/checkout/ref-50b"]));
    expect(api.callsTo("POST main /bookings/book")).toHaveLength(0);
  });

  it("says the hold expired, and why booking again failed", async () => {
    const api = bookingApi([EXPIRED], { "POST main /bookings/book": () => apiError(409, "session_full", "This session is full.") });
    const { user } = renderReturn(api);
    expect(await screen.findByRole("heading", { level: 1, name: "The hold expired — the seat was released" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Sorry, this session is full.")).toBeInTheDocument();
    expect(went).toEqual([]);
    expect(screen.getByRole("button", { name: "Try again" })).not.toHaveAttribute("aria-disabled");
  });

  it("says a cancelled booking is cancelled", async () => {
    renderReturn(bookingApi([{ ...PENDING, status: "cancelled" }]));
    expect(await screen.findByRole("heading", { level: 1, name: "This booking was cancelled" })).toBeInTheDocument();
  });

  it("says so when the booking isn't the person's", async () => {
    const api = fakeApi({ "GET main /bookings/50": () => apiError(404, "booking_not_found", "Booking 50 does not exist.") });
    renderReturn(api);
    expect(await screen.findByRole("heading", { level: 1, name: "Booking not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to My bookings" })).toHaveAttribute("href", "/bookings");
  });
});
