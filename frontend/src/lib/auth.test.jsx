import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { expiredNotice, useApi, useAuth } from "./auth.jsx";
import { readSession } from "./session-store.js";
import { paths } from "./paths.js";
import { USERS, fakeToken, renderApp, signIn } from "../test/render.jsx";
import { apiError, fakeApi, ok, reply } from "../test/fake-api.js";

function Whoami() {
  const { user, notice } = useAuth();
  return (
    <div>
      <p>{user ? `Signed in as ${user.name}` : "Signed out"}</p>
      {notice && <p>{notice}</p>}
    </div>
  );
}

function Bookings() {
  const { main } = useApi();
  const query = useQuery({ queryKey: ["bookings"], queryFn: () => main.get("/bookings") });
  return <p>{query.isError ? query.error.message : query.isSuccess ? `${query.data.items.length} bookings` : "loading"}</p>;
}

function LoginButton() {
  const { login, user } = useAuth();
  return (
    <button type="button" onClick={() => login({ login: "asha", password: "asha1234" })}>
      {user ? user.name : "Log in"}
    </button>
  );
}

describe("AuthProvider", () => {
  it("logs in, keeps the token across a reload, and sends it with requests", async () => {
    const token = fakeToken();
    const api = fakeApi({
      "POST main /auth/login": () => ok({ access_token: token, token_type: "Bearer", expires_in: 3600, user: USERS.user }),
      "GET main /bookings": () => ok({ items: [] }),
    });
    const first = renderApp(<LoginButton />, { api });
    await first.user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("button", { name: "Asha Verma" })).toBeInTheDocument();
    expect(readSession()).toMatchObject({ token, user: USERS.user });
    first.unmount();

    renderApp(<Bookings />, { api }); // a reload: a fresh app reading the stored session
    expect(await screen.findByText("0 bookings")).toBeInTheDocument();
    expect(api.callsTo("GET main /bookings")[0].headers.Authorization).toBe(`Bearer ${token}`);
  });

  it("a 401 on a signed-in request ends the session and sends the person to log in, remembering the page", async () => {
    signIn(USERS.user);
    const api = fakeApi({ "GET main /bookings": () => apiError(401, "token_expired", "The token has expired.") });
    renderApp(<><Bookings /><Whoami /></>, { api, route: `${paths.myBookings}?tab=past` });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/login"));
    expect(screen.getByRole("heading", { name: "Login page" })).toBeInTheDocument();
    expect(readSession()).toBeNull();
  });

  it("sends an expired facilitator to the facilitator login", async () => {
    signIn(USERS.facilitator);
    const api = fakeApi({ "GET main /bookings": () => reply(401, { error: { code: "invalid_token", message: "Bad token.", details: {} } }) });
    renderApp(<Bookings />, { api, route: paths.facilitator });
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/facilitator/login"));
  });

  it("drops a stored token that has already run out and says why", () => {
    signIn(USERS.user, { expiresAt: Date.now() - 1000 });
    renderApp(<Whoami />);
    expect(screen.getByText("Signed out")).toBeInTheDocument();
    expect(screen.getByText(expiredNotice())).toBeInTheDocument();
    expect(readSession()).toBeNull();
  });

  it("ignores a corrupt stored session", () => {
    window.localStorage.setItem("booking.session", "{not json");
    renderApp(<Whoami />);
    expect(screen.getByText("Signed out")).toBeInTheDocument();
  });
});

function ReplaceToken({ answer }) {
  const { replaceToken, user } = useAuth();
  return (
    <button type="button" onClick={() => replaceToken(answer)}>
      {user ? `Replace ${user.name}'s token` : "Signed out"}
    </button>
  );
}

describe("replaceToken", () => {
  it("stores the new token for the next requests, and a late 401 to the old one doesn't end the session", async () => {
    const oldToken = fakeToken();
    const newToken = fakeToken(Math.floor(Date.now() / 1000) + 7200);
    signIn(USERS.user, { token: oldToken });
    let answerLate;
    const late = new Promise((resolve) => (answerLate = resolve));
    const api = fakeApi({
      "GET main /bookings": ({ headers }) => (headers.Authorization === `Bearer ${oldToken}` ? late : ok({ items: [] })),
    });
    const { user, queryClient } = renderApp(
      <>
        <Bookings />
        <ReplaceToken answer={{ access_token: newToken, token_type: "Bearer", expires_in: 7200, user: USERS.user }} />
      </>,
      { api, route: paths.myBookings },
    );
    await waitFor(() => expect(api.callsTo("GET main /bookings")).toHaveLength(1)); // in flight with the old token
    await user.click(screen.getByRole("button", { name: "Replace Asha Verma's token" }));
    expect(readSession()).toMatchObject({ token: newToken, user: USERS.user });

    answerLate(apiError(401, "token_revoked", "This session was signed out."));
    expect(await screen.findByText("This session was signed out.")).toBeInTheDocument();
    expect(readSession().token).toBe(newToken);
    expect(screen.getByTestId("location")).toHaveTextContent(paths.myBookings);

    await queryClient.refetchQueries({ queryKey: ["bookings"] });
    expect(await screen.findByText("0 bookings")).toBeInTheDocument();
    expect(api.callsTo("GET main /bookings")[1].headers.Authorization).toBe(`Bearer ${newToken}`);
  });
});
