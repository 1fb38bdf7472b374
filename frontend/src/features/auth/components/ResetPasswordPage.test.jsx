import { screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { useAuth } from "../../../lib/auth.jsx";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { USERS, fakeToken, renderApp } from "../../../test/render.jsx";
import { ResetPasswordPage } from "./ResetPasswordPage.jsx";
import { passwordResetDone, resetLinkNotValid } from "../wording.js";

const CONFIRM = "POST main /auth/password-reset/confirm";
const TOKEN = "eyJ1Ijo3fQ.reset-token";

/** Where the page sends the person, with the notice the app's frame shows there. */
function Landing({ title }) {
  const { notice, user } = useAuth();
  return (
    <>
      <h1>{title}</h1>
      <p data-testid="notice">{notice}</p>
      <p>{user ? `Signed in as ${user.name}` : "Signed out"}</p>
    </>
  );
}

function renderReset({ route = `${paths.resetPassword}?token=${TOKEN}`, api, as } = {}) {
  return renderApp(<ResetPasswordPage />, {
    route,
    path: paths.resetPassword,
    api: api ?? fakeApi({ [CONFIRM]: () => ok({ access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: USERS.user }) }),
    as,
    routes: (
      <>
        <Route path={paths.myBookings} element={<Landing title="My bookings" />} />
        <Route path={paths.facilitator} element={<Landing title="My events" />} />
      </>
    ),
  });
}

async function choose(user, password = "a-new-secret", again = password) {
  if (password) await user.type(screen.getByLabelText("New password"), password);
  if (again) await user.type(screen.getByLabelText("Repeat new password"), again);
  await user.click(screen.getByRole("button", { name: "Change password" }));
}

describe("ResetPasswordPage", () => {
  it("sets the new password with the link's token, signs the person in as login does and goes to My bookings", async () => {
    const { user, api } = renderReset();
    expect(screen.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("autocomplete", "new-password");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("At least 8 characters.");
    await choose(user);

    expect(await screen.findByRole("heading", { level: 1, name: "My bookings" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/bookings$/);
    expect(screen.getByTestId("notice")).toHaveTextContent(passwordResetDone());
    expect(screen.getByText("Signed in as Asha Verma")).toBeInTheDocument();
    expect(api.callsTo(CONFIRM).map((call) => call.body)).toEqual([{ token: TOKEN, password: "a-new-secret" }]);
    expect(readSession()).toMatchObject({ user: USERS.user });
  });

  it("takes a facilitator to their dashboard", async () => {
    const api = fakeApi({ [CONFIRM]: () => ok({ access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: USERS.facilitator }) });
    const { user } = renderReset({ api });
    await choose(user);
    expect(await screen.findByRole("heading", { level: 1, name: "My events" })).toBeInTheDocument();
    expect(screen.getByTestId("notice")).toHaveTextContent(passwordResetDone());
  });

  it("checks the new password and its repeat before sending anything", async () => {
    const { user, api } = renderReset();
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("At least 8 characters. Choose a new password.");
    expect(screen.getByLabelText("New password")).toHaveFocus();
    expect(screen.getByLabelText("Repeat new password")).toHaveAccessibleDescription("Enter the new password again.");
    await choose(user, "short", "short");
    expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("At least 8 characters. Use at least 8 characters.");
    await user.clear(screen.getByLabelText("New password"));
    await user.clear(screen.getByLabelText("Repeat new password"));
    await choose(user, "a-new-secret", "a-new-secreT");
    expect(screen.getByLabelText("Repeat new password")).toHaveAccessibleDescription("The new passwords don't match.");
    expect(api.calls).toHaveLength(0);
  });

  it("says the link is spent when the server refuses its token, and offers a new one", async () => {
    const api = fakeApi({
      [CONFIRM]: () =>
        apiError(400, "invalid_token", "This reset link is not valid any more: it was used, has expired or is incomplete. Ask for a new one.", {
          token: ["Invalid, expired or already used."],
        }),
    });
    const { user } = renderReset({ api });
    await choose(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(resetLinkNotValid());
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
    expect(readSession()).toBeNull();
  });

  it("says the same without asking the server when the link has no token", () => {
    const api = fakeApi();
    renderReset({ route: paths.resetPassword, api });
    expect(screen.getByRole("alert")).toHaveTextContent(`${resetLinkNotValid()} Ask for a new link`);
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });

  it("shows the server's objection to the password at its field", async () => {
    const api = fakeApi({ [CONFIRM]: () => apiError(400, "validation_error", "Invalid input: password.", { password: ["Longer than maximum length 128."] }) });
    const { user } = renderReset({ api });
    await choose(user);
    await waitFor(() => expect(screen.getByLabelText("New password")).toHaveAccessibleDescription("At least 8 characters. Longer than maximum length 128."));
    expect(screen.getByLabelText("New password")).toHaveFocus();
  });

  it("counts down a 429's seconds", async () => {
    const api = fakeApi({
      [CONFIRM]: () => reply(429, { error: { code: "too_many_requests", message: "Too many failed attempts; try again in 30 seconds.", details: {} } }, { "Retry-After": "30" }),
    });
    const { user } = renderReset({ api });
    await choose(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(/^Too many attempts\. Try again in (30|29) seconds\.$/);
    expect(screen.getByRole("button", { name: /^Wait \d+ s$/ })).toHaveAttribute("aria-disabled", "true");
  });
});
