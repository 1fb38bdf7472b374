import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, NO_BILLING, NO_WHATSAPP, ok, reply, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, fakeToken, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";
import { passwordsDiffer } from "../../../lib/passwords.js";
import { passwordChanged } from "../wording.js";

const FEED = "https://main.example.com/calendars/7-0123456789abcdef0123456789abcdef.ics";
const NEW_FEED = "https://main.example.com/calendars/7-fedcba9876543210fedcba9876543210.ics";
// A token unlike the one the test signs in with (another exp), as POST /auth/password hands out.
const NEW_TOKEN = fakeToken(Math.floor(Date.now() / 1000) + 7200);

/** The server's side: POST /auth/password revokes the token it was sent with and answers with NEW_TOKEN. */
function passwordApi(answer) {
  const revoked = new Set();
  const authorized = (handler) => (call) =>
    revoked.has(call.headers.Authorization) ? apiError(401, "token_revoked", "This session was signed out.") : handler(call);
  return fakeApi({
    ...NO_BILLING,
    ...NO_WHATSAPP, ...NO_FAMILY,
    "GET main /auth/me": authorized(() => ok({ ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", calendar_feed_url: FEED })),
    "POST main /auth/calendar-feed": authorized(() => ok({ calendar_feed_url: NEW_FEED })),
    "POST main /auth/password": authorized((call) => {
      const result = answer?.(call);
      if (result) return result;
      revoked.add(call.headers.Authorization);
      return ok({ access_token: NEW_TOKEN, token_type: "Bearer", expires_in: 7200, user: USERS.user });
    }),
  });
}

async function renderPassword(api = passwordApi()) {
  const result = renderApp(<AccountPage />, { route: paths.account, api, as: "user", path: paths.account });
  await screen.findByRole("region", { name: "Password" });
  return result;
}

const current = () => screen.getByLabelText("Current password");
const fresh = () => screen.getByLabelText("New password");
const again = () => screen.getByLabelText("Repeat new password");
const section = () => screen.getByRole("region", { name: "Password" });

async function fillIn(user, { old = "asha1234", password = "a-new-secret", repeat = password } = {}) {
  if (old) await user.type(current(), old);
  if (password) await user.type(fresh(), password);
  if (repeat) await user.type(again(), repeat);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

describe("PasswordSection", () => {
  it("labels its fields for people and password managers", async () => {
    await renderPassword();
    expect(current()).toHaveAttribute("type", "password");
    expect(current()).toHaveAttribute("autocomplete", "current-password");
    expect(fresh()).toHaveAttribute("autocomplete", "new-password");
    expect(fresh()).toHaveAccessibleDescription("At least 8 characters.");
    expect(again()).toHaveAttribute("autocomplete", "new-password");
    expect(section().querySelector('input[autocomplete="username"]')).toHaveValue(USERS.user.email);
  });

  it("changes the password, keeps this session with the new token and clears the form", async () => {
    const api = passwordApi();
    const { user } = await renderPassword(api);
    const oldToken = readSession().token;
    await fillIn(user);

    const message = await within(section()).findByText(passwordChanged());
    await waitFor(() => expect(message.closest(".outcome")).toHaveFocus()); // an effect after the answer's render
    const [call] = api.callsTo("POST main /auth/password");
    expect(call.body).toEqual({ current_password: "asha1234", new_password: "a-new-secret" });
    expect(call.headers.Authorization).toBe(`Bearer ${oldToken}`);
    expect(readSession()).toMatchObject({ token: NEW_TOKEN, user: USERS.user });
    expect(readSession().token).not.toBe(oldToken);
    for (const field of [current(), fresh(), again()]) expect(field).toHaveValue("");

    // The next request carries the new token (the old one would get 401 token_revoked and end the session).
    await user.click(screen.getByRole("button", { name: "Make a new link" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Make a new link" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Feed address" })).toHaveValue(NEW_FEED));
    expect(api.callsTo("POST main /auth/calendar-feed")[0].headers.Authorization).toBe(`Bearer ${NEW_TOKEN}`);
    expect(screen.getByTestId("location")).toHaveTextContent(paths.account);
    expect(api.callsTo("GET main /auth/me")).toHaveLength(1); // same account: nothing to load again
  });

  it("shows a wrong current password on its field and keeps the session", async () => {
    const api = passwordApi(({ body }) =>
      body.current_password === "asha1234" ? null : apiError(400, "validation_error", "Invalid input: current_password.", { current_password: ["Wrong password."] }),
    );
    const { user } = await renderPassword(api);
    const oldToken = readSession().token;
    await fillIn(user, { old: "not-my-password" });

    await waitFor(() => expect(current()).toHaveAccessibleDescription("Wrong password."));
    expect(current()).toHaveAttribute("aria-invalid", "true");
    // The focus moves in an effect after the render that shows the error (an answer, outside any act): wait for it.
    await waitFor(() => expect(current()).toHaveFocus());
    expect(fresh()).not.toHaveAttribute("aria-invalid");
    expect(within(section()).getByRole("alert")).toHaveTextContent("Please correct the fields marked below.");
    expect(within(section()).queryByText(passwordChanged())).not.toBeInTheDocument();
    expect(readSession().token).toBe(oldToken);

    // Fixing it goes through.
    await user.clear(current());
    await user.type(current(), "asha1234");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await within(section()).findByText(passwordChanged())).toBeInTheDocument();
    expect(within(section()).queryByRole("alert")).not.toBeInTheDocument();
    expect(readSession().token).toBe(NEW_TOKEN);
  });

  it("shows the server's objection to the new password on its field", async () => {
    const api = passwordApi(() => apiError(400, "validation_error", "Invalid input: new_password.", { new_password: ["Shorter than minimum length 8."] }));
    const { user } = await renderPassword(api);
    await fillIn(user);
    await waitFor(() => expect(fresh()).toHaveAccessibleDescription("At least 8 characters. Shorter than minimum length 8."));
    await waitFor(() => expect(fresh()).toHaveFocus());
    expect(current()).not.toHaveAttribute("aria-invalid");
  });

  it("catches a short or mismatched new password before sending anything", async () => {
    const api = passwordApi();
    const { user } = await renderPassword(api);

    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(current()).toHaveAccessibleDescription("Enter your current password.");
    expect(current()).toHaveFocus();
    expect(fresh()).toHaveAccessibleDescription("At least 8 characters. Choose a new password.");
    expect(again()).toHaveAccessibleDescription("Enter the new password again.");

    await fillIn(user, { password: "short" });
    expect(fresh()).toHaveAccessibleDescription("At least 8 characters. Use at least 8 characters.");
    expect(fresh()).toHaveFocus();
    expect(again()).not.toHaveAttribute("aria-invalid");

    await user.clear(fresh());
    await user.clear(again());
    await user.type(fresh(), "a-new-secret");
    await user.type(again(), "a-new-secreT");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(again()).toHaveAccessibleDescription(passwordsDiffer());
    expect(again()).toHaveAttribute("aria-invalid", "true");
    expect(again()).toHaveFocus();
    expect(fresh()).not.toHaveAttribute("aria-invalid");

    expect(api.callsTo("POST main /auth/password")).toHaveLength(0);
  });

  it("says to wait after too many wrong passwords, and sends nothing meanwhile", async () => {
    const api = passwordApi(() =>
      reply(429, { error: { code: "too_many_requests", message: "Too many attempts; try again in 30 seconds.", details: {} } }, { "Retry-After": "30" }),
    );
    const { user } = await renderPassword(api);
    await fillIn(user);
    expect(await within(section()).findByRole("alert")).toHaveTextContent(/^Too many wrong passwords\. Try again in (30|29) seconds\.$/);
    const button = within(section()).getByRole("button", { name: /^Wait \d+ s$/ });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await user.click(button);
    expect(api.callsTo("POST main /auth/password")).toHaveLength(1);
    expect(current()).toHaveValue("asha1234"); // nothing is lost while waiting
  });

  it("shows a 429's message when it gives no time to wait", async () => {
    const api = passwordApi(() => apiError(429, "too_many_requests", "Too many attempts. Try again later."));
    const { user } = await renderPassword(api);
    await fillIn(user);
    expect(await within(section()).findByRole("alert")).toHaveTextContent("Too many attempts. Try again later.");
    expect(within(section()).getByRole("button", { name: "Change password" })).toBeEnabled();
  });
});
