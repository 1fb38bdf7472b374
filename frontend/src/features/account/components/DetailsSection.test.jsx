import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Layout } from "../../../components/Layout.jsx";
import { formatCalendarDay } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { birthdayRemoved, birthdaySaved, nameSaved, namesSaved, otherNameRemoved, otherNameSaved, remindersLabel, remindersOff, remindersOn } from "../wording.js";

const FEED = "https://main.example.com/calendars/7-0123456789abcdef0123456789abcdef.ics";
const ME = "GET main /auth/me";
const PATCH = "PATCH main /auth/me";

/** The server's side: GET and PATCH /auth/me on one account. */
function accountApi({ who = "user", reminders = true, patch, otherName = null, birthday = null } = {}) {
  let account = { ...USERS[who], other_name: otherName, birthday, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: reminders, calendar_feed_url: FEED };
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
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

describe("Your name in another script", () => {
  const OTHER = "Name in another script (optional)";

  it("adds one, changes it and removes it, each saved at once and said", async () => {
    const api = accountApi();
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(details).toHaveTextContent("Name in another scriptNot given");

    await user.click(within(details).getByRole("button", { name: "Add name in another script" }));
    const other = within(details).getByRole("textbox", { name: OTHER });
    expect(other).toHaveFocus();
    expect(other).toHaveValue("");
    expect(other).toHaveAccessibleDescription(/Devanagari or Latin letters: the studio finds you by either\. Leave it empty to remove it\./);
    await user.type(other, " आशा वर्मा ");
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    expect(await within(details).findByText(otherNameSaved())).toBeInTheDocument();
    expect(details).toHaveTextContent("Name in another scriptआशा वर्मा");

    await user.click(within(details).getByRole("button", { name: "Change name in another script" }));
    await user.clear(within(details).getByRole("textbox", { name: OTHER }));
    await user.type(within(details).getByRole("textbox", { name: OTHER }), "आशा");
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(details).toHaveTextContent("Name in another scriptआशाChange"));

    await user.click(within(details).getByRole("button", { name: "Change name in another script" }));
    await user.clear(within(details).getByRole("textbox", { name: OTHER }));
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    const removed = await within(details).findByText(otherNameRemoved());
    expect(removed.closest(".outcome")).toHaveFocus();
    expect(details).toHaveTextContent("Name in another scriptNot given");
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ other_name: "आशा वर्मा" }, { other_name: "आशा" }, { other_name: null }]);
    expect(readSession().user.name).toBe("Asha Verma");
  });

  it("changes both names in one save, and Cancel goes back to the button that opened the form", async () => {
    const api = accountApi({ otherName: "आशा वर्मा" });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    await user.click(within(details).getByRole("button", { name: "Change name in another script" }));
    await user.click(within(details).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(within(details).getByRole("button", { name: "Change name in another script" })).toHaveFocus());

    await user.click(within(details).getByRole("button", { name: "Change name" }));
    expect(within(details).getByRole("textbox", { name: "Name" })).toHaveFocus();
    expect(within(details).getByRole("textbox", { name: OTHER })).toHaveValue("आशा वर्मा");
    await user.clear(within(details).getByRole("textbox", { name: "Name" }));
    await user.type(within(details).getByRole("textbox", { name: "Name" }), "Asha Rao");
    await user.clear(within(details).getByRole("textbox", { name: OTHER }));
    await user.type(within(details).getByRole("textbox", { name: OTHER }), "आशा राव");
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    expect(await within(details).findByText(namesSaved())).toBeInTheDocument();
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ name: "Asha Rao", other_name: "आशा राव" }]);
    expect(details).toHaveTextContent("NameAsha Rao");
    expect(details).toHaveTextContent("Name in another scriptआशा राव");
    expect(within(details).queryByText(nameSaved())).not.toBeInTheDocument();
  });

  it("shows the server's objection beside the name in another script", async () => {
    const api = accountApi({ patch: () => apiError(400, "validation_error", "Invalid input: other_name.", { other_name: ["Must not contain NUL (\\u0000) characters."] }) });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    await user.click(within(details).getByRole("button", { name: "Add name in another script" }));
    const other = within(details).getByRole("textbox", { name: OTHER });
    await user.type(other, "आशा");
    await user.click(within(details).getByRole("button", { name: "Save name" }));
    await waitFor(() => expect(other).toHaveAccessibleDescription(/Must not contain NUL/));
    expect(other).toHaveFocus();
    expect(other).toHaveAttribute("aria-invalid", "true");
    expect(within(details).getByRole("textbox", { name: "Name" })).not.toHaveAttribute("aria-invalid");
  });
});

describe("Your birthday", () => {
  const FIELD = "Birthday (optional)";

  it("adds one as YYYY-MM-DD, says what studios do with it, reads it back, and removes it as null", async () => {
    const api = accountApi();
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(details).toHaveTextContent("BirthdayNot given");

    await user.click(within(details).getByRole("button", { name: "Add birthday" }));
    const birthday = within(details).getByLabelText(FIELD);
    expect(birthday).toHaveAttribute("type", "date");
    expect(birthday).toHaveFocus();
    expect(birthday).toHaveAccessibleDescription("Studios you book with may send you a greeting on your birthday. Leave it empty to remove it.");
    await user.type(birthday, "1990-04-12");
    await user.click(within(details).getByRole("button", { name: "Save birthday" }));
    const saved = await within(details).findByText(birthdaySaved());
    expect(saved.closest(".outcome")).toHaveFocus();
    expect(details).toHaveTextContent(`Birthday${formatCalendarDay("1990-04-12", "date")}Change birthday`);
    expect(formatCalendarDay("1990-04-12", "date")).toMatch(/^(12 April 1990|April 12, 1990)$/);

    await user.click(within(details).getByRole("button", { name: "Change birthday" }));
    expect(within(details).getByLabelText(FIELD)).toHaveValue("1990-04-12");
    await user.clear(within(details).getByLabelText(FIELD));
    await user.click(within(details).getByRole("button", { name: "Save birthday" }));
    expect(await within(details).findByText(birthdayRemoved())).toBeInTheDocument();
    expect(details).toHaveTextContent("BirthdayNot given");
    expect(api.callsTo(PATCH).map((call) => call.body)).toEqual([{ birthday: "1990-04-12" }, { birthday: null }]);
  });

  it("shows the one the account holds, sends nothing unchanged, and puts the server's objection beside the field", async () => {
    const api = accountApi({ birthday: "1988-11-30", patch: ({ body }) => body.birthday === "1988-12-01" && apiError(400, "validation_error", "Invalid input: birthday.", { birthday: ["Not a valid date."] }) });
    const { user } = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    const details = await screen.findByRole("region", { name: "Your details" });
    expect(details).toHaveTextContent(`Birthday${formatCalendarDay("1988-11-30", "date")}Change birthday`);
    await user.click(within(details).getByRole("button", { name: "Change birthday" }));
    await user.click(within(details).getByRole("button", { name: "Save birthday" }));
    await waitFor(() => expect(within(details).getByRole("button", { name: "Change birthday" })).toHaveFocus());
    expect(api.callsTo(PATCH)).toHaveLength(0);

    await user.click(within(details).getByRole("button", { name: "Change birthday" }));
    const birthday = within(details).getByLabelText(FIELD);
    await user.clear(birthday);
    await user.type(birthday, "1988-12-01");
    await user.click(within(details).getByRole("button", { name: "Save birthday" }));
    await waitFor(() => expect(birthday).toHaveAccessibleDescription(/Not a valid date\./));
    expect(birthday).toHaveAttribute("aria-invalid", "true");
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
