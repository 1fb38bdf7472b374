import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { i18next } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";

function accountApi(patch = (call, account) => ok({ ...account, ...call.body })) {
  const account = { ...USERS.user, reminders_enabled: true, calendar_feed_url: null, language: "en" };
  return fakeApi({ ...NO_BILLING, ...NO_WHATSAPP, ...NO_FAMILY, "GET main /auth/me": () => ok(account), "PATCH main /auth/me": (call) => patch(call, account) });
}

describe("Language", () => {
  it("offers the languages by their own names, switches the app at once and keeps the choice in the account", async () => {
    const api = accountApi();
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const section = await screen.findByRole("region", { name: "Language" });
    const select = within(section).getByRole("combobox", { name: "Language" });
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual(["English", "हिन्दी", "मराठी"]);
    expect(select).toHaveValue("en");

    await user.selectOptions(select, "hi");
    expect(await screen.findByRole("heading", { level: 1, name: "आपका खाता" })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("PATCH main /auth/me").map((call) => call.body)).toEqual([{ language: "hi" }]));
    expect(await within(screen.getByRole("region", { name: "भाषा" })).findByRole("status")).toHaveTextContent("सेव हो गया।");
    expect(readSession().user.language).toBe("hi");
    expect(i18next.language).toBe("hi");
  });

  it("says so when the account did not keep it", async () => {
    const api = accountApi(() => apiError(400, "validation_error", "Not a language.", { language: ["Not a language."] }));
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const select = within(await screen.findByRole("region", { name: "Language" })).getByRole("combobox", { name: "Language" });
    await user.selectOptions(select, "mr");
    expect(await screen.findByRole("alert")).toHaveTextContent("तुमची भाषा सेव्ह झाली नाही.");
  });
});
