import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, rateLimited, reply, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { codeLabel, notVerifiedText, stoppedText, verifiedText } from "../wording.js";

const SEND = "POST main /auth/me/phone/code";
const VERIFY = "POST main /auth/me/phone/verify";
const SENT = { phone: "+919812345678", expires_at: "2027-01-04T00:10:00+00:00" };

/** GET /auth/me and the two code routes on one account; the code that works is 123456. */
function accountApi({ verified = false, stopped = false, send } = {}) {
  let account = { ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, phone: "+919812345678", sms_enabled: true, phone_verified: verified, sms_stopped: stopped, calendar_feed_url: "https://x/y.ics" };
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
    "GET main /auth/me": () => ok(account),
    [SEND]: () => send?.() ?? reply(202, SENT),
    [VERIFY]: ({ body }) => {
      if (body.code !== "123456") return apiError(400, "invalid_code", "That is not the code we sent; check it, or ask for a new one.", { code: ["That is not the code we sent."] });
      account = { ...account, phone_verified: true };
      return ok(account);
    },
  });
}

async function openSection(api) {
  const rendered = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
  const section = await screen.findByRole("region", { name: "Text messages" });
  return { ...rendered, section };
}

describe("Verifying the number", () => {
  it("sends a code, refuses a wrong one beside the field, and shows the number verified after the right one", async () => {
    const api = accountApi();
    const { user, section } = await openSection(api);
    expect(within(section).getByText(notVerifiedText())).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Send code" }));
    const form = await within(section).findByRole("form", { name: "Verify your number" });
    expect(within(form).getByRole("status")).toHaveTextContent("We texted a code to +919812345678.");
    const code = within(form).getByRole("textbox", { name: codeLabel() });

    await user.type(code, "12");
    await user.click(within(form).getByRole("button", { name: "Verify" }));
    expect(code).toHaveAccessibleDescription(/6 digits/);
    expect(api.callsTo(VERIFY)).toHaveLength(0); // checked before sending

    await user.clear(code);
    await user.type(code, "654321");
    await user.click(within(form).getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/not the code we sent/));

    await user.clear(code);
    await user.type(code, "123456");
    await user.click(within(form).getByRole("button", { name: "Verify" }));
    expect(await within(section).findByText(verifiedText())).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: /Send/ })).not.toBeInTheDocument();
    expect(api.callsTo(VERIFY).map((call) => call.body)).toEqual([{ code: "654321" }, { code: "123456" }]);
  });

  it("says why no code was sent when there were too many", async () => {
    const api = accountApi({ send: () => rateLimited("Too many codes sent to this number; try again in 300 seconds.", 300) });
    const { user, section } = await openSection(api);
    await user.click(within(section).getByRole("button", { name: "Send code" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent("No code was sent. Too many codes sent to this number");
    expect(within(section).queryByRole("form", { name: "Verify your number" })).not.toBeInTheDocument();
  });

  it("tells a number that replied STOP how to get texts again, with nothing to send", async () => {
    const { section } = await openSection(accountApi({ verified: true, stopped: true }));
    expect(within(section).getByText(stoppedText())).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: /Send/ })).not.toBeInTheDocument();
  });
});
