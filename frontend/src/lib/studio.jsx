/**
 * The studio the signed-in person works in: their studios (GET /api/studios, each with my_role and my_permissions,
 * the permission table's names for that role), the current one (remembered on this device per account, else the
 * first), what its role lets them do, and the API base every staff call goes to.
 *
 *   const { studios, studio, setStudio, can, isLoading, base, ready } = useStudio();
 *   can("passes.manage")  → whether the current studio's role has it (see docs/permissions.md)
 *   base                  → "/api/studios/<slug>" with a current studio, else a facilitator's "/api/facilitator/<id>"
 *   ready                 → signed in and the studios read: staff queries wait for it, so they go to the right base
 *
 * With no studio chosen, a facilitator works on their seed routes: what they may do there is the account's
 * my_permissions (POST /auth/login's user and GET /auth/me, from the server's one permission table), read afresh
 * from /auth/me when the account kept on this device predates it. A permission the server did not name is false.
 *
 * Without a StudioProvider above (a feature's tests) it answers as for a person with no studio.
 */
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "./auth.jsx";
import { t } from "./i18n.js";

export const studioKeys = {
  all: ["studios"],
  mine: (userId) => ["studios", "mine", userId],
  account: (userId) => ["studios", "account", userId],
};

/** The member roles, most powerful first, with the keys of the names the app gives them. */
const ROLE_NAMES = { owner: "common:role.owner", manager: "common:role.manager", instructor: "common:role.instructor", front_desk: "common:role.frontDesk" };
export const MEMBER_ROLES = Object.keys(ROLE_NAMES);
/** Who else the audit log names as acting: one of the studio's API tokens. */
const ACTOR_NAMES = { ...ROLE_NAMES, api_token: "common:role.apiToken" };
/** "Owner", "Front desk", "API token" in the app's language (an unknown role as sent). */
export const roleName = (role) => (ACTOR_NAMES[role] ? t(ACTOR_NAMES[role]) : role);

const storageKey = (userId) => `studio:${userId}`;
const listKey = (userId) => `studios:${userId}`;

/** What this device keeps for an account under key, or null (no storage, or nothing kept). */
function kept(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function keep(key, text) {
  try {
    window.localStorage.setItem(key, text);
  } catch {
    // A private window without storage: it lasts while the page is open.
  }
}

/** The slug this account last chose on this device, or null. */
const remembered = (userId) => kept(storageKey(userId));
const remember = (userId, slug) => keep(storageKey(userId), slug);

/** The list read last on this device: the staff area opens at once, offline too (the check-in door), and is read
 *  afresh straight away. */
function keptStudios(userId) {
  try {
    const list = JSON.parse(kept(listKey(userId)));
    return Array.isArray(list) ? list : undefined;
  } catch {
    return undefined;
  }
}

/** The API base of a person's staff routes: the current studio's, else their own seed routes. */
export function staffBase(user, studio) {
  return studio ? `/api/studios/${encodeURIComponent(studio.slug)}` : `/api/facilitator/${user?.id}`;
}

/** What the account may do on its seed routes, as the server said (none when it has not said). */
const seedPermissions = (user) => (Array.isArray(user?.my_permissions) ? user.my_permissions : []);

/** What useStudio gives for studios (a list, maybe empty) and the current one. */
function studioView(user, { studios, studio, isLoading = false, error = null, ...actions }) {
  const granted = studio ? (studio.my_permissions ?? []) : seedPermissions(user);
  const can = (permission) => granted.includes(permission);
  return {
    studios,
    studio,
    isLoading,
    error,
    can,
    /** Whether the staff area is theirs: a member of a studio (any role), or a facilitator on the seed routes. */
    hasStaffArea: studios.length > 0 || user?.role === "facilitator",
    base: staffBase(user, studio),
    ready: Boolean(user) && !isLoading,
    ...actions,
  };
}

const noActions = { setStudio: () => {}, addStudio: () => {}, refresh: () => Promise.resolve() };
const StudioContext = createContext(null);

/** The account with its my_permissions: a facilitator's kept from before the server sent them is read again. */
function useAccountPermissions(user, api) {
  const stale = user?.role === "facilitator" && !Array.isArray(user.my_permissions);
  const { data } = useQuery({
    queryKey: studioKeys.account(user?.id ?? null),
    queryFn: ({ signal }) => api.main.get("/auth/me", { signal }),
    enabled: stale,
    staleTime: Infinity,
  });
  return useMemo(() => (stale && data ? { ...user, my_permissions: data.my_permissions } : user), [stale, data, user]);
}

export function StudioProvider({ children }) {
  const { user: signedIn, api } = useAuth();
  const user = useAccountPermissions(signedIn, api);
  const queryClient = useQueryClient();
  const userId = user?.id ?? null;
  const query = useQuery({
    queryKey: studioKeys.mine(userId),
    queryFn: async ({ signal }) => {
      const items = (await api.main.get("/api/studios", { signal })).items ?? [];
      keep(listKey(userId), JSON.stringify(items));
      return items;
    },
    enabled: userId !== null,
    initialData: () => keptStudios(userId),
    initialDataUpdatedAt: 0,
    networkMode: "always", // offline, the list kept on the device (or none) rather than waiting for a network
    staleTime: 60_000,
  });
  const [choices, setChoices] = useState({}); // slug chosen here, by account id

  const setStudio = useCallback(
    (slug) => {
      remember(userId, slug);
      setChoices((current) => ({ ...current, [userId]: slug }));
    },
    [userId],
  );
  /** A studio just made (POST /api/studios's answer): listed at once, and the current one. */
  const addStudio = useCallback(
    (made) => {
      const byName = (a, b) => a.name.localeCompare(b.name);
      const others = (queryClient.getQueryData(studioKeys.mine(userId)) ?? []).filter((one) => one.slug !== made.slug);
      const list = [...others, made].sort(byName);
      queryClient.setQueryData(studioKeys.mine(userId), list);
      keep(listKey(userId), JSON.stringify(list));
      setStudio(made.slug);
    },
    [queryClient, userId, setStudio],
  );
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: studioKeys.mine(userId) }), [queryClient, userId]);

  const studios = useMemo(() => query.data ?? [], [query.data]);
  const slug = userId in choices ? choices[userId] : remembered(userId);
  const studio = studios.find((one) => one.slug === slug) ?? studios[0] ?? null;
  const isLoading = userId !== null && query.isPending;
  const value = useMemo(
    () => studioView(user, { studios, studio, isLoading, error: query.error, setStudio, addStudio, refresh }),
    [user, studios, studio, isLoading, query.error, setStudio, addStudio, refresh],
  );
  return <StudioContext.Provider value={value}>{children}</StudioContext.Provider>;
}

export function useStudio() {
  const value = useContext(StudioContext);
  const { user } = useAuth();
  return value ?? studioView(user, { studios: [], studio: null, ...noActions });
}
