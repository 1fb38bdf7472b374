import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { ownedPass } from "../test-fixtures.js";
import { MyPassesPage } from "./MyPassesPage.jsx";

const MONTHLY = ownedPass({ id: 91, name: "Monthly membership", kind: "membership", credits: null, credits_left: null, sessions_per_week: 2, period: "month", renews: true });

function renderPage(items, route = paths.myPasses) {
  const api = fakeApi({ "GET main /me/passes": () => ok({ items }) });
  return renderApp(<MyPassesPage />, { api, as: "user", route });
}

const card = (name) => screen.getByRole("article", { name });

describe("MyPassesPage", () => {
  it("says which passes the family shares, and leaves the invoice and renewal of another guardian's to them", async () => {
    const shared = { ...MONTHLY, id: 92, name: "Family monthly", shareable: true, holder: { id: 7, name: "Meera" } };
    renderPage([ownedPass({ credits_left: 2, shareable: true }), shared]);
    const own = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(own).toHaveTextContent("Shared with your family: your children and the other guardian book with it too.");
    const theirs = card("Family monthly");
    expect(theirs).toHaveTextContent("Meera's pass, shared with your family.");
    expect(within(theirs).queryByRole("button")).not.toBeInTheDocument(); // no invoice, no stopping its renewal
    expect(within(own).getByRole("button", { name: /invoice/i })).toBeInTheDocument();
  });

  it("shows each pass with what it has left, until when it is good and its status", async () => {
    renderPage([ownedPass({ credits_left: 2 }), MONTHLY, ownedPass({ id: 89, name: "Old pack", status: "active", valid: false, credits_left: 0 })]);
    expect(await screen.findByRole("heading", { level: 1, name: "My passes" })).toBeInTheDocument();
    const pack = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(pack).toHaveTextContent("2 of 3 credits left");
    expect(pack).toHaveTextContent(/Valid until .*Apr.*2031/);
    expect(within(pack).getByText("Active")).toHaveClass("pill", "active");
    expect(card("Monthly membership")).toHaveTextContent("Up to 2 classes a week");
    expect(card("Monthly membership")).toHaveTextContent(/Renews on /);
    expect(within(card("Old pack")).getByText("Used up")).toBeInTheDocument();
  });

  it("offers the invoice of a paid pass, and none of a free or unpaid one", async () => {
    renderPage([ownedPass({ price: 300_000 }), ownedPass({ id: 92, name: "Free trial", price: 0 }), ownedPass({ id: 93, name: "Awaiting", price: 300_000, status: "pending_payment" })]);
    const paid = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(within(paid).getByRole("button", { name: "Invoice" })).toBeInTheDocument();
    expect(within(card("Free trial")).queryByRole("button", { name: "Invoice" })).toBeNull();
    expect(within(card("Awaiting")).queryByRole("button", { name: "Invoice" })).toBeNull();
  });

  it("says the pass is ready on coming back from a paid checkout, and marks it", async () => {
    renderPage([ownedPass()], `${paths.myPasses}?pass=90&result=success`);
    expect((await screen.findByText("Payment received: your pass is ready.")).closest("[role=status]")).toBeInTheDocument();
    expect((await screen.findByRole("article", { name: "Sound healing 3-class pack" })).closest("li")).toHaveAttribute("aria-current", "true");
  });

  it("says nothing was charged when the checkout was left without paying", async () => {
    renderPage([ownedPass({ status: "pending_payment", valid: false, valid_until: null })], `${paths.myPasses}?pass=90&result=cancel`);
    expect(await screen.findByText("Payment not completed; nothing was charged.")).toBeInTheDocument();
    const pack = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(within(pack).getByText("Awaiting payment")).toBeInTheDocument();
    expect(screen.queryByText(/Payment received/)).not.toBeInTheDocument();
  });

  it("points to the events when the person has no passes", async () => {
    renderPage([]);
    expect(await screen.findByText("You have no passes yet.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Browse events" })).toHaveAttribute("href", "/");
  });

  it("reads in Hindi", async () => {
    await setLanguage("hi");
    renderPage([ownedPass({ credits_left: 2 })], `${paths.myPasses}?pass=90&result=success`);
    expect(await screen.findByRole("heading", { level: 1, name: "मेरे पास" })).toBeInTheDocument();
    expect(await screen.findByText("भुगतान मिल गया: आपका पास तैयार है।")).toBeInTheDocument();
    const pack = await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(within(pack).getByText("चालू")).toHaveClass("pill", "active");
    expect(pack).toHaveTextContent(/तक मान्य/);
  });
});

describe("Stop renewing", () => {
  it("asks once more, stops the membership's renewal and shows it running out", async () => {
    const stopped = { ...MONTHLY, renews: false };
    let renewing = true;
    const api = fakeApi({
      "GET main /me/passes": () => ok({ items: [renewing ? MONTHLY : stopped] }),
      "POST main /me/passes/91/cancel": () => {
        renewing = false;
        return ok(stopped);
      },
    });
    const { user } = renderApp(<MyPassesPage />, { api, as: "user", route: paths.myPasses });
    const membership = await screen.findByRole("article", { name: "Monthly membership" });
    await user.click(within(membership).getByRole("button", { name: "Stop renewing" }));
    const asking = within(membership).getByRole("group", { name: "Stop renewing" });
    expect(asking).toHaveTextContent(/It stays good until .*, and you are not charged again/);
    await user.click(within(asking).getByRole("button", { name: "Stop renewing" }));
    expect(await within(card("Monthly membership")).findByText(/Valid until /)).toBeInTheDocument();
    expect(within(card("Monthly membership")).queryByRole("button", { name: "Stop renewing" })).not.toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === "POST" && call.path === "/me/passes/91/cancel")).toHaveLength(1);
  });

  it("offers nothing to stop on a pack", async () => {
    renderPage([ownedPass()]);
    await screen.findByRole("article", { name: "Sound healing 3-class pack" });
    expect(screen.queryByRole("button", { name: "Stop renewing" })).not.toBeInTheDocument();
  });
});
