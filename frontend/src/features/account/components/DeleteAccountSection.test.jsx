import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Layout } from "../../../components/Layout.jsx";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, reply, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { whatGoes } from "../wording.js";

const ERASE = "DELETE main /me";

function accountApi(erase, more = {}) {
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
    ...more,
    "GET main /auth/me": () => ok({ ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, calendar_feed_url: "https://x/y.ics" }),
    [ERASE]: erase,
  });
}

async function openForm(api) {
  const rendered = renderApp(<><Layout /><AccountPage /></>, { route: paths.account, api, as: "user" });
  const section = await screen.findByRole("region", { name: "Delete your account" });
  expect(section).toHaveTextContent(whatGoes());
  await rendered.user.click(within(section).getByRole("button", { name: "Delete my account…" }));
  return { ...rendered, section };
}

describe("Delete your account", () => {
  it("asks for the password, then erases the account and signs out with a notice", async () => {
    const api = accountApi(() => reply(204, null));
    const { user, section } = await openForm(api);
    await user.click(within(section).getByRole("button", { name: "Delete my account for good" }));
    expect(within(section).getByText("Enter your password to confirm.")).toBeInTheDocument();
    expect(api.callsTo(ERASE)).toHaveLength(0);
    await user.type(within(section).getByLabelText("Your password"), "s3cret-pass");
    await user.click(within(section).getByRole("button", { name: "Delete my account for good" }));
    expect(await screen.findByText(/Your account is deleted/)).toBeInTheDocument();
    expect(api.callsTo(ERASE).map((call) => call.body)).toEqual([{ password: "s3cret-pass" }]);
    expect(readSession()).toBeNull();
  });

  it("says a wrong password beside the field, and what to do first when refused", async () => {
    let answer = apiError(400, "validation_error", "Invalid input: password.", { password: ["Wrong password."] });
    const api = accountApi(() => answer);
    const { user, section } = await openForm(api);
    await user.type(within(section).getByLabelText("Your password"), "nope");
    await user.click(within(section).getByRole("button", { name: "Delete my account for good" }));
    expect(await within(section).findByText("Wrong password.")).toBeInTheDocument();
    answer = apiError(409, "erase_bookings_ahead", "You still have a seat booked or held: cancel it first, then delete the account.");
    await user.click(within(section).getByRole("button", { name: "Delete my account for good" }));
    expect(await within(section).findByText(/cancel it first/)).toBeInTheDocument();
    expect(readSession()).not.toBeNull();
  });
});

describe("Your data", () => {
  it("downloads everything as one JSON file, and says why not when the client books cannot be read", async () => {
    const clicked = [];
    URL.createObjectURL = vi.fn(() => "blob:my-data");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function click() {
      clicked.push(this.download);
    });
    let answer = ok({ format: "booking-platform/person-export", version: 1 });
    const api = accountApi(() => reply(204, null), { "GET main /me/export": () => answer });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const section = await screen.findByRole("region", { name: "Your data" });
    await user.click(within(section).getByRole("button", { name: "Download my data" }));
    await waitFor(() => expect(clicked).toEqual(["my-data.json"]));
    answer = apiError(503, "crm_unavailable", "The CRM's client book could not be read (no usable answer); try again shortly.");
    await user.click(within(section).getByRole("button", { name: "Download my data" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent("could not be read");
  });
});
