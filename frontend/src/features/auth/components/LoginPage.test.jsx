import { screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { describe, expect, it } from "vitest";
import { networkMessage } from "../../../lib/api-client.js";
import { paths } from "../../../lib/paths.js";
import { readSession } from "../../../lib/session-store.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { fakeToken, renderApp, USERS } from "../../../test/render.jsx";
import { LoginPage } from "./LoginPage.jsx";

const PASSWORDS = { asha: "asha1234", priya: "priya123", admin: "admin1234" };
const ACCOUNTS = { asha: USERS.user, priya: USERS.facilitator, admin: USERS.admin };

function authApi(studios = []) {
  return fakeApi({
    "POST main /auth/login": ({ body }) =>
      PASSWORDS[body.login] === body.password
        ? ok({ access_token: fakeToken(), token_type: "Bearer", expires_in: 3600, user: ACCOUNTS[body.login] })
        : apiError(401, "invalid_credentials", "Wrong email/username or password."),
    "GET main /api/studios": () => ok({ items: studios }),
  });
}

function renderLogin({ staff = false, from, api = authApi(), as } = {}) {
  const pathname = staff ? paths.facilitatorLogin : paths.login;
  return renderApp(<LoginPage staff={staff} />, { route: { pathname, state: from ? { from } : undefined }, path: pathname, api, as, routes: <Route path="*" element={<p>Elsewhere</p>} /> });
}

async function logIn(user, login, password) {
  await user.type(screen.getByLabelText("Email or username"), login);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Log in" }));
}

describe("LoginPage (user door)", () => {
  it("logs in with {login, password} and goes back to state.from", async () => {
    const { user, api } = renderLogin({ from: paths.myBookings });
    expect(screen.getByRole("heading", { level: 1, name: "Log in" })).toBeInTheDocument();
    await logIn(user, "asha", "asha1234");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/bookings"));
    expect(api.callsTo("POST main /auth/login")[0].body).toEqual({ login: "asha", password: "asha1234" });
    expect(readSession().user.name).toBe("Asha Verma");
    expect(document.title).toBe("Log in · Sessions & Retreats");
  });

  it("sends a user to the events without state.from", async () => {
    const { user } = renderLogin();
    await logIn(user, "asha", "asha1234");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/));
  });

  it("keeps a facilitator signed in at the user door and sends them to their dashboard", async () => {
    const { user } = renderLogin();
    await logIn(user, "priya", "priya123");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator$/));
    expect(readSession().user.role).toBe("facilitator");
  });

  it("shows the invalid-credentials message and stays", async () => {
    const { user } = renderLogin();
    await logIn(user, "asha", "wrong-password");
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong email/username or password.");
    expect(screen.getByTestId("location")).toHaveTextContent("/login");
    expect(screen.getByRole("button", { name: "Log in" })).toBeEnabled();
    expect(readSession()).toBeNull();
  });

  it("counts down the seconds a 429 asks for, sends nothing meanwhile, then lets the person try again", async () => {
    const api = fakeApi({
      "POST main /auth/login": () =>
        reply(429, { error: { code: "too_many_requests", message: "Too many failed logins; try again in 1 second.", details: {} } }, { "Retry-After": "1" }),
    });
    const { user } = renderLogin({ api });
    await logIn(user, "asha", "guess");
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many failed logins. Try again in 1 second.");
    const waiting = screen.getByRole("button", { name: "Wait 1 s" });
    expect(waiting).toHaveAttribute("aria-disabled", "true");
    await user.click(waiting);
    expect(api.callsTo("POST main /auth/login")).toHaveLength(1); // nothing sent while the countdown runs
    await waitFor(() => expect(screen.getByRole("button", { name: "Log in" })).toBeInTheDocument(), { timeout: 3000 });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("keeps the focus on the button while it logs in, so a wrong password doesn't lose it", async () => {
    let answer;
    const api = fakeApi({ "POST main /auth/login": () => new Promise((resolve) => (answer = resolve)) });
    const { user } = renderLogin({ api });
    await logIn(user, "asha", "wrong-password");
    const button = screen.getByRole("button", { name: "Logging in…" });
    expect(button).not.toBeDisabled();
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(button).toHaveFocus();
    await user.click(button); // a second click sends nothing more
    expect(api.callsTo("POST main /auth/login")).toHaveLength(1);
    answer(apiError(401, "invalid_credentials", "Wrong email/username or password."));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong email/username or password.");
    expect(screen.getByRole("button", { name: "Log in" })).toHaveFocus();
  });

  it("checks empty fields before sending anything", async () => {
    const { user, api } = renderLogin();
    await user.click(screen.getByRole("button", { name: "Log in" }));
    const login = screen.getByLabelText("Email or username");
    expect(login).toHaveAttribute("aria-invalid", "true");
    expect(login).toHaveAccessibleDescription("Enter your email or username.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(login).toHaveFocus();
    expect(api.calls).toHaveLength(0);
  });

  it("shows the client's message when the server can't be reached", async () => {
    const api = fakeApi({
      "POST main /auth/login": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const { user } = renderLogin({ api });
    await logIn(user, "asha", "asha1234");
    expect(await screen.findByRole("alert")).toHaveTextContent(networkMessage());
  });

  it("links to registration, the facilitator login and the forgotten password", () => {
    renderLogin();
    expect(screen.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/register");
    expect(screen.getByRole("link", { name: "Facilitator? Log in here" })).toHaveAttribute("href", "/facilitator/login");
  });

  it("tells someone already signed in who they are", () => {
    renderLogin({ as: "user" });
    expect(screen.getByText("You're signed in as Asha Verma.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Browse events" })).toHaveAttribute("href", "/");
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
  });
});

describe("LoginPage (staff door)", () => {
  it("refuses a user account: logs it out again and explains", async () => {
    const { user } = renderLogin({ staff: true });
    expect(screen.getByRole("heading", { level: 1, name: "Facilitator login" })).toBeInTheDocument();
    await logIn(user, "asha", "asha1234");
    expect(await screen.findByRole("alert")).toHaveTextContent("This is the facilitator login. Use the regular login for your account.");
    expect(readSession()).toBeNull();
    expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/login");
    expect(screen.getByLabelText("Email or username")).toBeInTheDocument();
  });

  it("lets in a user account that is a studio's member, to the staff area or back where the guard sent it from", async () => {
    const studio = { id: 4, slug: "lotus", name: "Lotus Yoga", my_role: "front_desk", my_permissions: ["studio.view", "desk.checkin"] };
    const first = renderLogin({ staff: true, api: authApi([studio]) });
    await logIn(first.user, "asha", "asha1234");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator$/));
    expect(readSession().user.role).toBe("user");
    first.unmount();
    window.localStorage.clear();

    const second = renderLogin({ staff: true, api: authApi([studio]), from: paths.studioMembers });
    await logIn(second.user, "asha", "asha1234");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/members"));
  });

  it("sends a facilitator to the dashboard and an admin to the integration page", async () => {
    const first = renderLogin({ staff: true });
    await logIn(first.user, "priya", "priya123");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/facilitator$/));
    first.unmount();
    window.localStorage.clear();

    const second = renderLogin({ staff: true });
    await logIn(second.user, "admin", "admin1234");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/integration"));
  });

  it("goes back to state.from when a guard sent the facilitator here", async () => {
    const { user } = renderLogin({ staff: true, from: paths.inbox });
    await logIn(user, "priya", "priya123");
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/inbox"));
  });

  it("lists the demo facilitator accounts and links to the user login", () => {
    renderLogin({ staff: true });
    const table = screen.getByRole("table");
    for (const text of ["priya", "priya123", "Dr. Priya Sharma", "arjun", "arjun123", "Arjun Patel", "kavya", "kavya123", "Kavya Reddy"]) {
      expect(table).toHaveTextContent(text);
    }
    expect(screen.getByRole("link", { name: "Use the regular login" })).toHaveAttribute("href", "/login");
    expect(screen.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  });
});
