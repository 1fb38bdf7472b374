import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Layout } from "../../../components/Layout.jsx";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { nameSaved, remindersLabel, remindersOff, remindersOn } from "../wording.js";

const FEED = "https://main.example.com/calendars/7-0123456789abcdef0123456789abcdef.ics";
const ME = "GET main /auth/me";
const PATCH = "PATCH main /auth/me";

/** The server's side: GET and PATCH /auth/me on one account. */
function accountApi({ who = "user", reminders = true, patch } = {}) {
  let account = { ...USERS[who], created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: reminders, calendar_feed_url: FEED };
  return fakeApi({
    ...NO_BILLING,
    [ME]: () => ok(account),
    [PATCH]: (call) => {
      const refused = patch?.(call);
      if (refused) return refused;
      account = { ...account, ...call.body };
      return ok(account);
    },
  });
}

describe("Your details", () => {
  it("changes the name: the page and the header show it at once, the stored session too", async () => {
    const api = accountApi();
    const { user } = renderApp(<><Layout /><AccountPage /></>, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(details).toHaveTextContent("Emailasha@example.com");
    expect(within(details).queryByRole("textbox", { name: "Email" })).not.toBeInTheDocument(); // read-only

    await user.click(within(details).getByRole("button", { name: "Change name" }));
    const name = within(details).getByRole("textbox", { name: "Name" });
    expect(name).toHaveValue("Asha Verma");
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, "  Asha Rao ");
    await user.click(within(details).getByRole("button", { name: "Save name" }));

    const saved = await within(details).findByText(nameSaved());
    expect(saved.closest(".outcome")).toHaveFocus();
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ name: "Asha Rao" }]);
    expect(details).toHaveTextContent("NameAsha Rao");
    expect(within(details).queryByRole("textbox", { name: "Name" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Asha Rao" })).toHaveAttribute("href", "/account");
    expect(readSession().user.name).toBe("Asha Rao");
    expect(api.callsTo(ME)).toHaveLength(1);
  });

  it("sends nothing for an unchanged name, and Cancel goes back to the button", async () => {
    const api = accountApi();
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    await user.click(within(details).getByRole("button", { name: "Change name" }));
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(within(details).getByRole("button", { name: "Change name" })).toHaveFocus());
    await user.click(within(details).getByRole("button", { name: "Change name" }));
    await user.click(within(details).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(within(details).getByRole("button", { name: "Change name" })).toHaveFocus());
    expect(api.callsTo(PATCH)).toHaveLength(0);
    expect(within(details).queryByText(nameSaved())).not.toBeInTheDocument();
  });

  it("asks for a name before sending, and shows the server's objection at the field", async () => {
    const api = accountApi({ patch: () => apiError(400, "validation_error", "Invalid input: name.", { name: ["Must not contain NUL (\\u0000) characters."] }) });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    await user.click(within(details).getByRole("button", { name: "Change name" }));
    const name = within(details).getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    expect(name).toHaveAccessibleDescription("Enter your name.");
    expect(api.callsTo(PATCH)).toHaveLength(0);

    await user.type(name, "Asha");
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(name).toHaveAccessibleDescription("Must not contain NUL (\\u0000) characters."));
    expect(name).toHaveFocus();
    expect(readSession().user.name).toBe("Asha Verma");
  });
});

describe("Reminders", () => {
  const box = () => screen.getByRole("checkbox", { name: remindersLabel() });
  const section = () => screen.getByRole("region", { name: "Reminders" });

  it("shows the choice the account holds and says what is always emailed", async () => {
    renderApp(<AccountPage />, { route: paths.account, api: accountApi(), as: "user" });
    await screen.findByRole("region", { name: "Reminders" });
    expect(box()).toBeChecked();
    expect(box()).toHaveAccessibleDescription("Confirmations, changes and cancellations of your bookings are always emailed to asha@example.com.");
  });

  it("turns reminders off and on again, saving each change at once", async () => {
    const api = accountApi();
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    await screen.findByRole("region", { name: "Reminders" });
    await user.click(box());
    expect(await within(section()).findByText(remindersOff())).toBeInTheDocument();
    expect(box()).not.toBeChecked();
    await user.click(box());
    expect(await within(section()).findByText(remindersOn())).toBeInTheDocument();
    expect(box()).toBeChecked();
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ reminders_enabled: false }, { reminders_enabled: true }]);
  });

  it("starts unticked for an account that turned them off", async () => {
    renderApp(<AccountPage />, { route: paths.account, api: accountApi({ reminders: false }), as: "user" });
    await screen.findByRole("region", { name: "Reminders" });
    expect(box()).not.toBeChecked();
  });

  it("goes back to what the server holds when saving fails, and says why", async () => {
    const api = accountApi({ patch: () => apiError(500, "internal_error", "Something went wrong on our side.") });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    await screen.findByRole("region", { name: "Reminders" });
    await user.click(box());
    expect(await within(section()).findByRole("alert")).toHaveTextContent("Your choice was not saved. Something went wrong on our side.");
    expect(box()).toBeChecked();
  });

  it("is not offered to staff, who don't book", async () => {
    renderApp(<AccountPage />, { route: paths.account, api: accountApi({ who: "facilitator" }), as: "facilitator" });
    await screen.findByRole("region", { name: "Your details" });
    expect(screen.queryByRole("region", { name: "Reminders" })).not.toBeInTheDocument();
  });
});
