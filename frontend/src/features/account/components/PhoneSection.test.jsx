import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { contactChanges } from "./PhoneSection.jsx";
import { phoneLabel, phoneSaved, smsLabel } from "../wording.js";

const PATCH = "PATCH main /auth/me";

/** GET and PATCH /auth/me on one account; the server answers the number in E.164 as ours does. */
function accountApi({ phone = null, sms = false, patch } = {}) {
  let account = { ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, phone, sms_enabled: sms, calendar_feed_url: "https://x/y.ics" };
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
    "GET main /auth/me": () => ok(account),
    [PATCH]: (call) => {
      const refused = patch?.(call);
      if (refused) return refused;
      const changes = { ...call.body };
      if ("phone" in changes) changes.phone = changes.phone && `+91${changes.phone.replace(/\D/g, "").slice(-10)}`;
      account = { ...account, ...changes };
      if (!account.phone) account.sms_enabled = false;
      return ok(account);
    },
  });
}

async function openSection(api) {
  const rendered = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
  const section = await screen.findByRole("region", { name: "Text messages" });
  return { ...rendered, section };
}

describe("Text messages", () => {
  it("adds a number and turns texts on in one save, shown as the server keeps it", async () => {
    const api = accountApi();
    const { user, section } = await openSection(api);
    const phone = within(section).getByRole("textbox", { name: phoneLabel() });
    const texts = within(section).getByRole("checkbox", { name: smsLabel() });
    expect(phone).toHaveValue("");
    expect(texts).not.toBeChecked(); // off until the person ticks it

    await user.type(phone, "98123 45678");
    await user.click(texts);
    await user.click(within(section).getByRole("button", { name: "Save phone" }));
    await within(section).findByText(phoneSaved());
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ phone: "98123 45678", sms_enabled: true }]);
    expect(phone).toHaveValue("+919812345678");
    expect(texts).toBeChecked();
  });

  it("offers texts only with a number, and puts the server's refusal beside the number", async () => {
    const api = accountApi({
      patch: () => apiError(400, "validation_error", "Invalid input: phone.", { phone: ["Not a valid phone number; check the digits and the country code."] }),
    });
    const { user, section } = await openSection(api);
    const phone = within(section).getByRole("textbox", { name: phoneLabel() });
    const texts = within(section).getByRole("checkbox", { name: smsLabel() });
    expect(texts).toBeDisabled();

    await user.type(phone, "12");
    expect(texts).toBeEnabled();
    await user.click(texts);
    await user.click(within(section).getByRole("button", { name: "Save phone" }));
    await waitFor(() => expect(phone).toHaveAccessibleDescription(/Not a valid phone number/));
    expect(phone).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ phone: "12", sms_enabled: true }]);
    expect(within(section).queryByText(phoneSaved())).not.toBeInTheDocument();
  });

  it("removes the number, and texts with it", async () => {
    const api = accountApi({ phone: "+919812345678", sms: true });
    const { user, section } = await openSection(api);
    const phone = within(section).getByRole("textbox", { name: phoneLabel() });
    expect(phone).toHaveValue("+919812345678");
    await user.clear(phone);
    await user.click(within(section).getByRole("button", { name: "Save phone" }));
    await within(section).findByText(phoneSaved());
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ phone: null, sms_enabled: false }]);
    const texts = within(section).getByRole("checkbox", { name: smsLabel() });
    expect(texts).not.toBeChecked();
    expect(texts).toBeDisabled();
  });

  it("sends only what changed", () => {
    const account = { phone: "+919812345678", sms_enabled: false };
    expect(contactChanges(account, { phone: "+919812345678", smsEnabled: false })).toEqual({});
    expect(contactChanges(account, { phone: " +919812345678 ", smsEnabled: true })).toEqual({ sms_enabled: true });
    expect(contactChanges({ phone: null, sms_enabled: false }, { phone: "", smsEnabled: true })).toEqual({});
  });
});
