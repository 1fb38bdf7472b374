import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths, patterns } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { event, session } from "../test-fixtures.js";
import { ManageEventPage } from "./ManageEventPage.jsx";

const BASE = "/api/facilitator/2/events/1";
const PLAN = { deposit: { percent: 20 }, deposit_refundable: false, balance_due_days: 30, instalments: 3, sessions: [] };
const MONEY = {
  event_id: 1,
  currency: "INR",
  received: 2_100_000,
  refunded: 0,
  kept: 2_100_000,
  outstanding: 2_400_000,
  overdue: 1_200_000,
  formatted: { received: "₹21,000", refunded: "₹0", kept: "₹21,000", outstanding: "₹24,000", overdue: "₹12,000" },
  bookings: [
    { booking_id: 5, name: "Asha Rao", status: "active", received: 2_100_000, refunded: 0, outstanding: 2_400_000, overdue: 1_200_000, next_due_at: "2031-01-10T03:30:00+00:00" },
  ],
};

function renderWith(theEvent) {
  const api = fakeApi({ [`GET main ${BASE}`]: () => ok(theEvent), [`GET main ${BASE}/money`]: () => ok(MONEY) });
  renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" });
  return api;
}

describe("ManageEventPage: a retreat's money", () => {
  it("shows received, kept and outstanding in total and per booking for an event with a payment plan", async () => {
    renderWith(event({ id: 1, kind: "retreat", payment_plan: PLAN, sessions: [session({ id: 11, price: 4_500_000 })] }));
    const section = await screen.findByRole("region", { name: "Money" });
    const outstanding = await within(section).findByText("Outstanding", { selector: "dt" });
    expect(outstanding.nextSibling).toHaveTextContent("₹24,000");
    expect(within(section).getByText("Kept", { selector: "dt" }).nextSibling).toHaveTextContent("₹21,000");
    const [, row] = within(section).getAllByRole("row");
    expect(row).toHaveTextContent("Asha Rao");
    expect(row).toHaveTextContent("overdue ₹12,000");
  });

  it("has no money section without a plan, and does not ask for it", async () => {
    const api = renderWith(event({ id: 1 }));
    expect(await screen.findByRole("heading", { level: 1, name: "Morning Vinyasa Flow" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Money" })).toBeNull();
    expect(api.callsTo(`GET main ${BASE}/money`)).toHaveLength(0);
  });
});

describe("ManageEventPage: a retreat's payment plan", () => {
  it("sets a plan with an amount per seat, checks it first, and removes it", async () => {
    const sent = [];
    let current = event({ id: 1, kind: "retreat", sessions: [session({ id: 11, price: 4_500_000 })] });
    const api = fakeApi({
      [`GET main ${BASE}`]: () => ok(current),
      [`GET main ${BASE}/money`]: () => ok(MONEY),
      [`PATCH main ${BASE}`]: ({ body }) => {
        sent.push(body);
        current = { ...current, payment_plan: body.payment_plan };
        return ok(current);
      },
    });
    const { user } = renderApp(<ManageEventPage />, { route: paths.facilitatorEvent(1), path: patterns.facilitatorEvent, api, as: "facilitator" });
    const form = await screen.findByRole("region", { name: "Payment plan" });
    await user.clear(within(form).getByLabelText("Instalments"));
    await user.type(within(form).getByLabelText("Instalments"), "7");
    await user.click(within(form).getByRole("button", { name: "Save payment plan" }));
    expect(within(form).getByText("From 1 to 6.")).toBeInTheDocument();
    expect(sent).toEqual([]);
    await user.clear(within(form).getByLabelText("Instalments"));
    await user.type(within(form).getByLabelText("Instalments"), "2");
    await user.selectOptions(within(form).getByLabelText("Deposit as"), "amount");
    await user.clear(within(form).getByLabelText("Deposit per seat (INR)"));
    await user.type(within(form).getByLabelText("Deposit per seat (INR)"), "5000");
    await user.click(within(form).getByLabelText("The deposit is refundable"));
    await user.click(within(form).getByRole("button", { name: "Save payment plan" }));
    expect(await within(form).findByText(/Payment plan saved/)).toBeInTheDocument();
    expect(sent).toEqual([{ payment_plan: { deposit: { amount: 500_000 }, deposit_refundable: true, balance_due_days: 30, instalments: 2 } }]);
    await user.click(await within(form).findByRole("button", { name: "Remove the plan" }));
    expect(await within(form).findByText(/Payment plan removed/)).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ payment_plan: null });
  });
});
