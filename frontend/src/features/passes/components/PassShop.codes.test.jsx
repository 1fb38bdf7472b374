import { screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaveApp } from "../../../lib/leave-app.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { makeEvent } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { ownedPass, passOnSale } from "../test-fixtures.js";
import { PassShop } from "./PassShop.jsx";

const PACK = passOnSale();
const FREE = passOnSale({ id: 32, name: "First class free", credits: 1, price: 0 });
const MONTHLY = passOnSale({ id: 33, name: "Monthly membership", kind: "membership", credits: null, valid_days: null, period: "month", sessions_per_week: 2, price: 250_000 });
const PRICES = { 31: PACK.price, 33: MONTHLY.price };
const CODES = { PASS20: 20, PASSFREE: 100 };

function quote({ query }) {
  const name = query.code.trim().toUpperCase();
  if (!(name in CODES)) return apiError(400, "validation_error", `Invalid input: code: The code '${query.code}' is not for passes.`, { code: [`The code '${query.code}' is not for passes.`] });
  const price = PRICES[query.product_id];
  const off = (price * CODES[name]) / 100;
  return ok({ code: name, price, amount_off: off, amount_due: price - off, currency: "INR" });
}

function shopApi(buy = {}) {
  return fakeApi({
    "GET main /passes": () => ok({ items: [PACK, FREE, MONTHLY] }),
    "GET main /codes/quote": quote,
    ...buy,
  });
}

function renderShop(api, as = "user") {
  return renderApp(<PassShop event={makeEvent()} />, { route: "/events/1", routes: <Route path={paths.myPasses} element={<p>My passes page</p>} />, api, as });
}

const offer = (name) => screen.findByRole("article", { name });

async function applyCode(user, name, text) {
  const card = await offer(name);
  await user.type(within(card).getByLabelText("Have a code?"), text);
  await user.click(within(card).getByRole("button", { name: "Apply" }));
  return card;
}

afterEach(() => vi.restoreAllMocks());

describe("PassShop: a discount code", () => {
  it("prices a pass with the code and buys it with the code, paying the rest at checkout", async () => {
    const went = [];
    vi.spyOn(leaveApp, "go").mockImplementation((url) => went.push(url));
    const api = shopApi({ "POST main /passes/31/buy": () => reply(201, { pass: ownedPass({ status: "pending_payment", price: 160_000 }), checkout_url: "http://main.test/payments/test/checkout/p-2" }) });
    const { user } = renderShop(api);
    const pack = await applyCode(user, PACK.name, "pass20");
    expect(await within(pack).findByRole("status")).toHaveTextContent("Code PASS20 applied: ₹400 off.");
    expect(api.callsTo("GET main /codes/quote")[0].query).toEqual({ code: "pass20", product_id: "31" });
    const price = pack.querySelector(".pass-price");
    expect(price).toHaveTextContent("Was ₹2,000 now ₹1,600");
    expect(within(price).getByText("₹2,000").tagName).toBe("DEL");
    await user.click(within(pack).getByRole("button", { name: "Buy for ₹1,600" }));
    await waitFor(() => expect(went).toEqual(["http://main.test/payments/test/checkout/p-2"]));
    expect(api.callsTo("POST main /passes/31/buy")[0].body).toEqual({ code: "pass20" });
  });

  it("shows a business reverse charged elsewhere in the EU the price without VAT that it pays", async () => {
    const vatFree = ({ query }) => ok({ code: "PASS20", price: 200_000, amount_off: 40_000, amount_due: 160_000, tax: 0, total_due: 134_454, reverse_charge: true, currency: query && "INR" });
    const { user } = renderShop(shopApi({ "GET main /codes/quote": vatFree }));
    const pack = await applyCode(user, PACK.name, "pass20");
    await within(pack).findByRole("status");
    expect(pack.querySelector(".pass-price")).toHaveTextContent("Was ₹2,000 now ₹1,344.54 without VAT (reverse charge: your business accounts for it)");
    expect(within(pack).getByRole("button", { name: "Buy for ₹1,344.54" })).toBeInTheDocument();
  });

  it("gets a pass free with a code that takes it all off, straight to My passes", async () => {
    const api = shopApi({ "POST main /passes/31/buy": () => reply(201, { pass: ownedPass(), checkout_url: null }) });
    const { user } = renderShop(api);
    const pack = await applyCode(user, PACK.name, "PASSFREE");
    expect(await within(pack).findByRole("status")).toHaveTextContent("Code PASSFREE applied: ₹2,000 off.");
    expect(pack.querySelector(".pass-price")).toHaveTextContent("Was ₹2,000 now Free with code");
    await user.click(within(pack).getByRole("button", { name: "Get it free with code" }));
    expect(await screen.findByText("My passes page")).toBeInTheDocument();
    expect(api.callsTo("POST main /passes/31/buy")[0].body).toEqual({ code: "PASSFREE" });
  });

  it("says a membership's code is for its first month", async () => {
    const { user } = renderShop(shopApi());
    const monthly = await applyCode(user, MONTHLY.name, "PASS20");
    await within(monthly).findByRole("status");
    expect(monthly.querySelector(".pass-price")).toHaveTextContent("Was ₹2,500 now ₹2,000 for the first month");
    expect(monthly).toHaveTextContent("Then ₹2,500 a month.");
  });

  it("shows a refused code beside its field, keeps the price, and restores it when a code is removed", async () => {
    const { user } = renderShop(shopApi());
    const pack = await applyCode(user, PACK.name, "BOOK10");
    expect(await within(pack).findByRole("alert")).toHaveTextContent("The code 'BOOK10' is not for passes.");
    expect(within(pack).getByLabelText("Have a code?")).toHaveAccessibleDescription(`${PACK.name} The code 'BOOK10' is not for passes.`);
    expect(within(pack).getByRole("button", { name: "Buy for ₹2,000" })).toBeEnabled();
    await user.clear(within(pack).getByLabelText("Have a code?"));
    await user.type(within(pack).getByLabelText("Have a code?"), "PASS20{Enter}");
    await within(pack).findByRole("button", { name: "Buy for ₹1,600" });
    await user.click(within(pack).getByRole("button", { name: "Remove code" }));
    expect(pack.querySelector(".pass-price")).toHaveTextContent(/^₹2,000$/);
    expect(within(pack).getByRole("button", { name: "Buy for ₹2,000" })).toBeInTheDocument();
  });

  it("shows a code that ran out at purchase beside its field, not as the shop's refusal", async () => {
    const api = shopApi({ "POST main /passes/31/buy": () => apiError(409, "code_used_up", "The code 'PASS20' has been used up.") });
    const { user } = renderShop(api);
    const pack = await applyCode(user, PACK.name, "PASS20");
    await user.click(await within(pack).findByRole("button", { name: "Buy for ₹1,600" }));
    expect(await within(pack).findByRole("alert")).toHaveTextContent("The code 'PASS20' has been used up.");
    expect(pack.querySelector(".pass-price")).toHaveTextContent(/^₹2,000$/);
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("offers no code for a pass that costs nothing", async () => {
    renderShop(shopApi());
    expect(within(await offer(PACK.name)).getByLabelText("Have a code?")).toBeInTheDocument();
    expect(within(await offer(FREE.name)).queryByLabelText("Have a code?")).not.toBeInTheDocument();
  });

  it("offers no code to a visitor, who logs in to buy", async () => {
    renderShop(shopApi(), null);
    expect(within(await offer(PACK.name)).getByRole("link", { name: "Log in to buy" })).toBeInTheDocument();
    expect(within(await offer(PACK.name)).queryByLabelText("Have a code?")).not.toBeInTheDocument();
  });
});
