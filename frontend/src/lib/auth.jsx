/** The signed-in account, its token kept across reloads, and the API clients that send it. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { createApiClient } from "./api-client.js";
import { loadConfig } from "./config.js";
import { t } from "./i18n.js";
import { paths } from "./paths.js";
import { isExpired, readSession, sessionFromAuth, writeSession } from "./session-store.js";

const AuthContext = createContext(null);

/** What the page says after a session ran out, in the app's language at that moment. */
export const expiredNotice = () => t("common:auth.expired");
export const STAFF_ROLES = ["facilitator", "admin"];

/** The login page for an account: staff sign in through the Facilitator door. */
export function loginPathFor(user) {
  return user && STAFF_ROLES.includes(user.role) ? paths.facilitatorLogin : paths.login;
}

/** The stored session is the one source of the token: another tab's login or logout is seen at once. */
const storedToken = () => readSession()?.token ?? null;

function initialSession() {
  const stored = readSession();
  if (stored && isExpired(stored)) {
    writeSession(null);
    return { session: null, notice: expiredNotice(), expiredUser: stored.user };
  }
  return { session: stored, notice: null, expiredUser: null };
}

export function AuthProvider({ children, config = loadConfig(), fetchImpl }) {
  const [state, setState] = useState(initialSession);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = `${location.pathname}${location.search}`;

  const save = useCallback((session, notice = null) => {
    writeSession(session);
    setState({ session, notice, expiredUser: null });
  }, []);

  // A token the server no longer accepts (or one that ran out here) ends the session and sends the person to
  // log in again, remembering where they were so they land back there. A 401 to a request sent with a token that
  // has since been replaced (a password change revokes the old one) says nothing about the new one.
  const expire = useCallback((error, sentToken) => {
    const current = storedToken();
    if (sentToken && current && sentToken !== current) return;
    const user = readSession()?.user ?? null;
    writeSession(null);
    queryClient.clear();
    setState({ session: null, notice: expiredNotice(), expiredUser: user });
    navigate(loginPathFor(user), { replace: true, state: { from: here } });
  }, [here, navigate, queryClient]);

  const api = useMemo(() => {
    const common = { getToken: storedToken, onUnauthorized: expire, fetchImpl };
    return {
      main: createApiClient({ baseUrl: config.mainApiUrl, ...common }),
      // The CRM keeps no answers for Idempotency-Keys: a write of its is never sent twice.
      crm: createApiClient({ baseUrl: config.crmApiUrl, ...common, keepsKeyedAnswers: false }),
    };
  }, [config.mainApiUrl, config.crmApiUrl, expire, fetchImpl]);

  useEffect(() => {
    const expiresAt = state.session?.expiresAt;
    if (!expiresAt) return undefined;
    const timer = setTimeout(expire, Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [state.session?.expiresAt, expire]);

  // Another tab logging in or out changes this one too.
  useEffect(() => {
    const onStorage = () => setState((current) => ({ ...current, session: readSession() }));
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const value = useMemo(() => {
    /** Stores an answer of the shape of POST /auth/login ({access_token, expires_in, user}) → the user. */
    const store = (answer) => {
      const session = sessionFromAuth(answer);
      save(session);
      return session.user;
    };
    /** POSTs to a path that answers like POST /auth/login and signs in with the answer; `notice` shows on arrival. */
    const signIn = async (path, body, notice = null) => {
      const answer = await api.main.post(path, body);
      queryClient.clear();
      const session = sessionFromAuth(answer);
      save(session, notice);
      return session.user;
    };
    return {
      user: state.session?.user ?? null,
      token: state.session?.token ?? null,
      isAuthenticated: Boolean(state.session),
      isStaff: STAFF_ROLES.includes(state.session?.user?.role),
      notice: state.notice,
      api,
      /** Whether to offer the development-only pages (the mailbox): see lib/config.js. */
      devTools: Boolean(config.devTools),
      /** Where the live stream of notification counts is (GET <streamUrl>/me/notifications/stream), and the fetch
       *  that reads it (the one given to the provider, else the browser's). */
      streamUrl: config.streamUrl,
      streamFetch: fetchImpl ?? globalThis.fetch?.bind(globalThis),
      /** {login: email or username, password} → the user; throws ApiError (401 invalid_credentials). */
      login: (credentials) => signIn("/auth/login", credentials),
      /** {name, email, password} → the new user, signed in. */
      register: (details) => signIn("/auth/register", details),
      /** {token, password}: a new password with the token a reset email carried (POST /auth/password-reset/confirm)
       *  → the account, signed in (every other session of it has ended); `notice` shows on the next page.
       *  Throws ApiError: 400 invalid_token (used, expired or altered) or validation_error (details.password), 429. */
      resetPassword: ({ token, password }, notice = null) => signIn("/auth/password-reset/confirm", { token, password }, notice),
      /** Changes what is kept of the signed-in account (its name after an edit), so the header shows it at once. */
      updateUser: (changes) => {
        const stored = readSession();
        if (!stored) return;
        const session = { ...stored, user: { ...stored.user, ...changes } };
        writeSession(session);
        setState((current) => ({ ...current, session }));
      },
      /** A new token for the same account (POST /auth/password's answer, shaped like the login's) in place of the
       *  old one, which the server has revoked: the next requests send it; the cached data stays. → the user. */
      replaceToken: store,
      /** Ends the token on the server too (POST /auth/logout), without waiting: signing out never fails here. */
      logout: () => {
        if (storedToken()) api.main.post("/auth/logout", undefined, { quiet: true }).catch(() => {});
        queryClient.clear();
        save(null);
      },
      dismissNotice: () => setState((current) => ({ ...current, notice: null })),
      /** Signed out after the account itself ended (its tokens are revoked already), with `notice` on the next page. */
      forget: (notice) => {
        queryClient.clear();
        save(null, notice);
      },
    };
  }, [api, config.devTools, config.streamUrl, fetchImpl, queryClient, save, state]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}

/** {main, crm}: API clients that send the current token. */
export function useApi() {
  return useAuth().api;
}
