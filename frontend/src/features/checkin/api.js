/** The day of a session on the main API: a facilitator's roster (kept on the device for the offline door), undoing a
 *  check-in, and a person's own check-in codes. */
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";
import { saveRoster, savedRoster } from "./storage.js";

export const checkinKeys = {
  roster: (scope, sessionId) => ["checkin", scope, "roster", String(sessionId)],
  tickets: (bookingId) => ["checkin", "tickets", String(bookingId)],
};

/** The session's staff API base (<the current studio's or the facilitator's base>/sessions/<session>), its scope for
 *  query keys (undefined until the studios are read) and the main API client. */
export function useSessionApi(sessionId) {
  const { base, ready } = useStudio();
  const { main } = useApi();
  return { main, scope: ready ? base : undefined, base: `${base}/sessions/${sessionId}` };
}

/**
 * The roster from the server, saved on the device as it comes (live: true); with no network, the one saved last
 * (live: false, savedAt). → {roster, live, savedAt, kept: whether the device could save it}.
 */
export async function loadRoster(main, base, sessionId, { signal } = {}) {
  let roster;
  try {
    roster = await main.get(`${base}/roster`, { signal });
  } catch (error) {
    const saved = error?.status === 0 ? await savedRoster(sessionId).catch(() => undefined) : undefined;
    if (!saved) throw error;
    return { roster: saved.roster, live: false, savedAt: saved.savedAt, kept: true };
  }
  const savedAt = new Date().toISOString();
  const kept = await saveRoster(sessionId, roster, savedAt).then(
    () => true,
    () => false, // no IndexedDB here (a private window, say): the page works while online
  );
  return { roster, live: true, savedAt, kept };
}

/** The roster, read again every 30 s (other doors' check-ins), from the device's copy when there is no network. */
export function useRoster(sessionId) {
  const { main, scope, base } = useSessionApi(sessionId);
  return useQuery({
    queryKey: checkinKeys.roster(scope, sessionId),
    queryFn: ({ signal }) => loadRoster(main, base, sessionId, { signal }),
    enabled: Boolean(scope && sessionId),
    networkMode: "always", // offline is when the saved copy is needed most
    refetchInterval: 30_000,
    retry: false,
  });
}

/** A person's own booking's seats with their codes and QR codes (GET /bookings/<id>/checkin), when `enabled`. */
export function useTickets(bookingId, { enabled }) {
  const { main } = useApi();
  return useQuery({
    queryKey: checkinKeys.tickets(bookingId),
    queryFn: ({ signal }) => main.get(`/bookings/${encodeURIComponent(bookingId)}/checkin`, { signal }),
    enabled,
  });
}
