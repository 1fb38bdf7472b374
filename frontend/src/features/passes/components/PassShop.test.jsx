import { screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { makeEvent } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { LoginProbe } from "../../../test/session-rows.jsx";
import { ownedPass, passOnSale } from "../test-fixtures.js";
import { PassShop } from "./PassShop.jsx";

const PACK = passOnSale();
const FREE = passOnSale({ id: 32, name: "First class free", credits: 1, price: 0, new_customers_only: true });
const MONTHLY = passOnSale({ id: 33, name: "Monthly membership", kind: "membership", credits: null, valid_days: null, period: "month", sessions_per_week: 2, price: 250_000 });

function shopApi(items = [PACK, FREE, MONTHLY], buy = {}, newCustomer = true) {
  return fakeApi({
    "GET main /passes": () => ok({ items }),
    "GET main /me/passes/new-customer": () => ok({ facilitator_id: 4, new_customer: newCustomer }),
    "GET main /me/passes": () => ok({ items: [ownedPass({ id: 95, product_id: 32, name: "First class free" })] }),
    ...buy,
  });
}

function renderShop(options) {
  return renderApp(<PassShop event={makeEvent()} />, {
    route: "/events/1",
    routes: (
      <>
        <Route path="/login" element={<LoginProbe />} />
        <Route path={paths.myPasses} element={<p>My passes page</p>} />
      </>
    ),
    ...options,
  });
}

const offer = (name) => screen.getByRole("article", { name });

afterEach(() => vi.restoreAllMocks());

describe("PassShop", () => {
  it("lists the passes covering the event with price and terms, asking a visitor to log in first", async () => {
    const api = shopApi();
    const { user } = renderShop({ api });
    expect(await screen.findByRole("heading", { level: 2, name: "Passes" })).toBeInTheDocument();
    expect(api.callsTo("GET main /passes")[0].query).toEqual({ event_id: "1" });
    const pack = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(pack).toHaveTextContent("₹2,000");
    expect(pack).toHaveTextContent("3 classes, valid 60 days");
    expect(offer("Monthly membership")).toHaveTextContent("₹2,500 a month");
    expect(offer("Monthly membership")).toHaveTextContent("Monthly, up to 2 classes a week");
    expect(offer("First class free")).toHaveTextContent("Free");
    expect(offer("First class free")).toHaveTextContent("For people new to these classes.");
    await user.click(within(pack).getByRole("link", { name: "Log in to buy" }));
    expect(await screen.findByText("Login page, back to /events/1")).toBeInTheDocument();
  });

  it("sends the buyer to the checkout of a paid pass", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = shopApi(undefined, { "POST main /passes/31/buy": () => reply(201, { pass: ownedPass({ status: "pending_payment" }), checkout_url: "http://main.test/payments/test/checkout/p-1" }) });
    const { user } = renderShop({ api, as: "user" });
    await user.click(await within(await screen.findByRole("article", { name: "Sound healing 3-class pack" })).findByRole("button", { name: "Buy for ₹2,000" }));
    expect(await screen.findByText("Taking you to the payment page…")).toBeInTheDocument();
    expect(went).toEqual(["http://main.test/payments/test/checkout/p-1"]);
    expect(api.callsTo("POST main /passes/31/buy")[0].body).toEqual({});
  });

  it("goes straight to My passes with a pass that costs nothing", async () => {
    const api = shopApi(undefined, { "POST main /passes/32/buy": () => reply(201, { pass: ownedPass({ id: 95, name: "First class free" }), checkout_url: null }) });
    const { user } = renderShop({ api, as: "user" });
    await user.click(await within(await screen.findByRole("article", { name: "First class free" })).findByRole("button", { name: "Get it free" }));
    expect(await screen.findByText("My passes page")).toBeInTheDocument();
  });

  it("shows a refusal in the page and keeps the passes on offer", async () => {
    const api = shopApi(undefined, { "POST main /passes/32/buy": () => apiError(409, "new_customers_only", "Only for new customers.") });
    const { user } = renderShop({ api, as: "user" });
    await user.click(await within(await screen.findByRole("article", { name: "First class free" })).findByRole("button", { name: "Get it free" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("First class free: This offer is for people new to this teacher's classes");
    expect(within(offer("Sound healing 3-class pack")).getByRole("button", { name: "Buy for ₹2,000" })).toBeEnabled();
  });

  it("tells a returning customer before any click that the intro offer is not theirs", async () => {
    const api = shopApi(undefined, {}, false);
    renderShop({ api, as: "user" });
    const intro = await screen.findByRole("article", { name: "First class free" });
    await waitFor(() => expect(intro).toHaveTextContent("For people new to these classes: you have booked or bought here before, so this offer isn't yours."));
    expect(within(intro).queryByRole("button")).not.toBeInTheDocument();
    expect(api.callsTo("GET main /me/passes/new-customer")[0].query).toEqual({ facilitator_id: "4" });
    expect(within(offer("Sound healing 3-class pack")).getByRole("button", { name: "Buy for ₹2,000" })).toBeEnabled();
  });

  it("shows nothing when no pass covers the event, and no Buy button to staff", async () => {
    const api = shopApi([]);
    const { unmount } = renderShop({ api });
    await waitFor(() => expect(api.callsTo("GET main /passes")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Passes" })).not.toBeInTheDocument());
    unmount();
    renderShop({ api: shopApi(), as: "facilitator" });
    expect(await screen.findByText("Buying a pass needs a user account.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Buy/ })).not.toBeInTheDocument();
  });
});
