/** Renders a piece of the app the way main.jsx does, with a fake network and an optional signed-in account. */
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { AuthProvider } from "../lib/auth.jsx";
import { makeQueryClient } from "../lib/query-client.js";
import { paths } from "../lib/paths.js";
import { writeSession } from "../lib/session-store.js";
import { StudioProvider } from "../lib/studio.jsx";
import { TEST_CONFIG, fakeApi } from "./fake-api.js";

/** What POST /auth/login answers for a facilitator as my_permissions: their seed routes' (SEED_PERMISSIONS of
 *  main_app/services/studios/permissions.py, docs/permissions.md's last column). */
export const FACILITATOR_PERMISSIONS = [
  "events.manage",
  "passes.manage",
  "money.view",
  "refunds.make",
  "registrants.all",
  "messages.all",
  "inbox.read",
  "sessions.own",
  "registrants.own",
  "checkin.own",
  "messages.own",
];

export const USERS = {
  user: { id: 7, name: "Asha Verma", email: "asha@example.com", username: "asha", role: "user", my_permissions: [] },
  facilitator: { id: 2, name: "Dr. Priya Sharma", email: "priya@example.com", username: "priya", role: "facilitator", my_permissions: FACILITATOR_PERMISSIONS },
  admin: { id: 1, name: "Admin", email: "admin@example.com", username: "admin", role: "admin", my_permissions: [] },
};

/** A JWT-shaped token whose exp the app can read (the signature is never checked in the browser). */
export function fakeToken(expSeconds = Math.floor(Date.now() / 1000) + 3600) {
  const part = (value) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "7", exp: expSeconds })}.signature`;
}

export function signIn(user, { token = fakeToken(), expiresAt } = {}) {
  writeSession({ token, user, expiresAt: expiresAt ?? Date.now() + 3600_000 });
}

/** Shows the current location so tests can assert redirects. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

const MaybeStudios = ({ studios, children }) => (studios ? <StudioProvider>{children}</StudioProvider> : children);

/**
 * renderApp(ui, {route, path, api, as, routes, loginStubs, config, studios}):
 *   route: the URL to start at; path: the route pattern ui is mounted on (default "*");
 *   api: a fakeApi(); as: "user" | "facilitator" | "admin" | a user object, to start signed in;
 *   routes: more <Route>s beside ui; loginStubs: false leaves out the stand-in login pages (to test the real ones);
 *   config: more runtime config (e.g. {devTools: true}) over the test services' addresses;
 *   studios: true mounts the StudioProvider as App.jsx does (the api then answers GET main /api/studios); without
 *   it a page sees no studio, as a facilitator on the seed routes.
 * Returns Testing Library's result plus {api, user: userEvent instance}.
 */
export function renderApp(ui, { route = paths.events, path = "*", api = fakeApi(), as, routes = null, loginStubs = true, config = {}, studios = false } = {}) {
  if (as) signIn(typeof as === "string" ? USERS[as] : as);
  const client = makeQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: 0 }, mutations: { retry: false } });
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>
        <AuthProvider config={{ ...TEST_CONFIG, ...config }} fetchImpl={api.fetch}>
          <MaybeStudios studios={studios}>
            <Routes>
              <Route path={path} element={ui} />
              {routes}
              {loginStubs && <Route path={paths.login} element={<h1>Login page</h1>} />}
              {loginStubs && <Route path={paths.facilitatorLogin} element={<h1>Facilitator login page</h1>} />}
            </Routes>
          </MaybeStudios>
          <LocationProbe />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, api, user: userEvent.setup({ delay: null }), queryClient: client };
}
