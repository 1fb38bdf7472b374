/** Refunding a registrant's payment from the session's registrants: the Refund button only for roles with
 *  refunds.make in a studio, all or part of what is left, with a reason, and the booking cancelled if asked. */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { RegistrantsSection } from "./RegistrantsSection.jsx";

const REFUND = "POST main /api/studios/lotus-yoga/payments/31/refunds";
const paidLine = {
  booking_id: 1, name: "Asha Rao", email: "asha@example.com", user_id: 4, booked_at: "2031-01-01T10:00:00+00:00", status: "active", seats: 1, guests: [],
  cancelled_at: null, cancel_reason: null, payment_status: "succeeded", amount_paid: 100_000, amount_refunded: 0, currency: "INR", refund_status: null, refund_payment_id: 31,
};

function render(role, answer = ({ body }) => reply(201, { id: 5, amount: body.amount ?? 100_000, currency: "INR", status: "initiated", left: 0, booking_cancelled: body.cancel_booking })) {
  const api = fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio(role))), [REFUND]: answer });
  renderApp(<RegistrantsSection sessionId={9} registrants={[paidLine]} seats={1} />, { api, as: USERS.user, studios: true });
  return api;
}

const refundButton = () => screen.findByRole("button", { name: "Refund Asha Rao" });

describe("refunding a registrant's payment", () => {
  it("refunds part of the payment with a reason", async () => {
    const user = userEvent.setup();
    const api = render("manager");
    await user.click(await refundButton());
    const dialog = screen.getByRole("dialog", { name: "Refund Asha Rao" });
    expect(dialog).toHaveTextContent("₹1,000 is left of their payment");
    await user.type(within(dialog).getByLabelText("Amount (INR)"), "250.50");
    await user.type(within(dialog).getByLabelText("Reason"), "Late start");
    await user.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await screen.findByText(/₹250.50 is on its way back to Asha Rao\./)).toBeInTheDocument();
    expect(api.callsTo(REFUND)[0].body).toEqual({ amount: 25_050, reason: "Late start", cancel_booking: false });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("refunds all that is left and cancels the booking when asked", async () => {
    const user = userEvent.setup();
    const api = render("owner");
    await user.click(await refundButton());
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Reason"), "Injury");
    await user.click(within(dialog).getByLabelText("Also cancel the booking and give the seat back"));
    await user.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await screen.findByText(/The booking is cancelled and its seat is free/)).toBeInTheDocument();
    expect(api.callsTo(REFUND)[0].body).toEqual({ reason: "Injury", cancel_booking: true });
  });

  it("asks for a reason and refuses more than is left before sending anything", async () => {
    const user = userEvent.setup();
    const api = render("manager");
    await user.click(await refundButton());
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Amount (INR)"), "1000.01");
    await user.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(within(dialog).getByText("At most ₹1,000 is left to refund.")).toBeInTheDocument();
    expect(within(dialog).getByText("Say why: the person reads it.")).toBeInTheDocument();
    expect(api.callsTo(REFUND)).toHaveLength(0);
  });

  it("says what the API refused", async () => {
    const user = userEvent.setup();
    render("manager", () => apiError(409, "refund_above_left", "Only 40000 of this payment is left to refund.", { left: 40_000 }));
    await user.click(await refundButton());
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Reason"), "Sorry");
    await user.click(within(dialog).getByRole("button", { name: "Refund" }));
    expect(await within(dialog).findByText(/Only 40000 of this payment is left to refund/)).toBeInTheDocument();
  });

  it.each(["instructor", "front_desk"])("shows a %s no Refund button", async (role) => {
    render(role);
    await screen.findByText("Paid");
    await screen.findByRole("cell", { name: /Asha Rao/ });
    expect(screen.queryByRole("button", { name: /Refund/ })).not.toBeInTheDocument();
  });

  it("records money given back in person for a payment taken at the desk", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      "GET main /api/studios": () => ok(studioList(makeStudio("manager"))),
      [REFUND]: ({ body }) => reply(201, { id: 6, amount: body.amount ?? 100_000, currency: "INR", status: "processed", left: 0, booking_cancelled: false }),
    });
    renderApp(<RegistrantsSection sessionId={9} registrants={[{ ...paidLine, paid_in_person: true }]} seats={1} />, { api, as: USERS.user, studios: true });
    await user.click(await refundButton());
    const dialog = screen.getByRole("dialog", { name: "Refund Asha Rao" });
    expect(dialog).toHaveTextContent("₹1,000 is left of what they paid in person. Give it back the same way");
    await user.type(within(dialog).getByLabelText("Reason"), "Left early");
    await user.click(within(dialog).getByRole("button", { name: "Record the refund" }));
    expect(await screen.findByText("₹1,000 given back to Asha Rao in person is recorded.")).toBeInTheDocument();
    expect(api.callsTo(REFUND)[0].body).toEqual({ reason: "Left early", cancel_booking: false });
  });

  it("shows no Refund button on a facilitator's own routes (no studio) or for an unpaid booking", async () => {
    renderApp(<RegistrantsSection sessionId={9} registrants={[{ ...paidLine, booking_id: 2, refund_payment_id: null }]} seats={1} />, { as: "facilitator" });
    expect(screen.getByText("Paid")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Refund/ })).not.toBeInTheDocument();
  });
});
