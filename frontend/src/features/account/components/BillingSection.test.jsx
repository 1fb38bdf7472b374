import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, reply, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { billingBody, billingValues } from "../billing-form.js";
import { AccountPage } from "./AccountPage.jsx";
import { billingRemoved, billingSaved } from "../wording.js";

const PUT = "PUT main /me/billing";
const SAVED = { name: "Acme Wellness LLP", tax_id: "27AAPFU0939F1ZV", address_lines: ["4th floor, Nariman Point"], city: "Mumbai", postcode: "400021", state_code: "27", country: "IN", updated_at: "2026-11-27T10:00:00+00:00" };

/** /auth/me of a person who books, and their billing details on the server (none until saved). */
function billingApi({ put } = {}) {
  let details = null;
  return fakeApi({
    ...NO_WHATSAPP, ...NO_FAMILY,
    "GET main /auth/me": () => ok({ ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, calendar_feed_url: "https://x/y.ics" }),
    "GET main /me/billing": () => (details ? ok(details) : NO_BILLING["GET main /me/billing"]()),
    [PUT]: (call) => {
      const refused = put?.(call);
      if (refused) return refused;
      details = { ...call.body, updated_at: SAVED.updated_at };
      return ok(details);
    },
    "DELETE main /me/billing": () => {
      details = null;
      return reply(204, null);
    },
  });
}

async function openSection(api) {
  const rendered = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
  return { ...rendered, section: await screen.findByRole("region", { name: "Billing details" }) };
}

describe("Billing details", () => {
  it("adds a business's details, sent as printed, and shows them back", async () => {
    const api = billingApi();
    const { user, section } = await openSection(api);
    expect(await within(section).findByText(/Your invoices are made out to your name\./)).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Add billing details" }));
    await user.type(within(section).getByRole("textbox", { name: "Business name (as invoices print it)" }), " Acme Wellness LLP ");
    await user.type(within(section).getByRole("textbox", { name: "GSTIN or VAT number" }), "27aapfu 0939f1zv");
    await user.type(within(section).getByRole("textbox", { name: "Address (one line each)" }), "4th floor, Nariman Point{Enter}{Enter}");
    await user.type(within(section).getByRole("textbox", { name: "City" }), "Mumbai");
    await user.type(within(section).getByRole("textbox", { name: "Country (two letters, such as IN or DE)" }), "in");
    await user.click(within(section).getByRole("button", { name: "Save billing details" }));
    expect(await within(section).findByText(billingSaved())).toBeInTheDocument();
    expect(api.callsTo(PUT).map((call) => call.body)).toEqual([
      { name: "Acme Wellness LLP", tax_id: "27AAPFU0939F1ZV", address_lines: ["4th floor, Nariman Point"], city: "Mumbai", postcode: null, state_code: null, country: "IN" },
    ]);
    expect(section).toHaveTextContent("GSTIN: 27AAPFU0939F1ZV");
    expect(within(section).getByRole("button", { name: "Change billing details" })).toBeInTheDocument();
  });

  it("shows the server's refusal beside its field and keeps what was typed", async () => {
    const api = billingApi({ put: () => apiError(400, "validation_error", "Invalid input: tax_id.", { tax_id: ["Not a GSTIN."] }) });
    const { user, section } = await openSection(api);
    await user.click(await within(section).findByRole("button", { name: "Add billing details" }));
    await user.type(within(section).getByRole("textbox", { name: "Business name (as invoices print it)" }), "Acme");
    await user.type(within(section).getByRole("textbox", { name: "GSTIN or VAT number" }), "27AAPFU0939F1ZW");
    await user.click(within(section).getByRole("button", { name: "Save billing details" }));
    const field = within(section).getByRole("textbox", { name: "GSTIN or VAT number" });
    expect(await within(section).findByText("Not a GSTIN.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveValue("27AAPFU0939F1ZW");
  });

  it("removes saved details: new invoices go back to the person's name", async () => {
    const api = billingApi();
    const { user, section } = await openSection(api);
    await user.click(await within(section).findByRole("button", { name: "Add billing details" }));
    await user.type(within(section).getByRole("textbox", { name: "Business name (as invoices print it)" }), "Acme");
    await user.click(within(section).getByRole("button", { name: "Save billing details" }));
    await user.click(await within(section).findByRole("button", { name: "Remove" }));
    expect(await within(section).findByText(billingRemoved())).toBeInTheDocument();
    expect(section).toHaveTextContent("Your invoices are made out to your name.");
    expect(api.callsTo("DELETE main /me/billing")).toHaveLength(1);
  });
});

describe("billing form values", () => {
  it("round-trips saved details", () => {
    expect(billingBody(billingValues(SAVED))).toEqual(Object.fromEntries(Object.entries(SAVED).filter(([name]) => name !== "updated_at")));
  });
});
