/** The staff area's events and sessions, passes and discount codes on the main API: the current studio's
 *  (/api/studios/<slug>/...), or a facilitator's own without a studio (/api/facilitator/<my id>/...). Every query key
 *  holds that base (its "scope"), so switching studio reads everything afresh. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { useApi } from "../../lib/auth.jsx";
import { saveBlob } from "../../lib/save-blob.js";
import { useStudio } from "../../lib/studio.jsx";

/** Keys by scope: the API base the data came from. */
export const programmeKeys = {
  all: ["programme"],
  events: (scope) => ["programme", scope, "events"],
  event: (scope, eventId) => ["programme", scope, "events", String(eventId)],
  money: (scope, eventId) => ["programme", scope, "events", String(eventId), "money"],
  registrants: (scope, sessionId) => ["programme", scope, "sessions", String(sessionId), "registrants"],
};

/** The API base (lib/studio.jsx useStudio's base), its scope for query keys (undefined until the studios are read:
 *  a query enabled on it waits) and the main API client: what every call below needs. */
export function useProgrammeApi() {
  const { base, ready } = useStudio();
  const { main } = useApi();
  return { scope: ready ? base : undefined, main, base };
}

/** Every page of my events (the list is paginated; a dashboard needs them all). */
export const fetchAllEvents = (main, base) => fetchAllPages(main, `${base}/events`);

export function useMyEvents() {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: programmeKeys.events(scope),
    queryFn: () => fetchAllEvents(main, base),
    enabled: Boolean(scope),
  });
}

/** One of my events, with its sessions. */
export function useMyEvent(eventId) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: programmeKeys.event(scope, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}`, { signal }),
    enabled: Boolean(scope && eventId),
  });
}

/** My event's money: {currency, received, refunded, kept, outstanding, overdue, formatted {…}, bookings: [{booking_id,
 *  name, status, received, refunded, outstanding, overdue, next_due_at}]} (what payment plans still owe). */
export function useEventMoney(eventId, { enabled = true } = {}) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: programmeKeys.money(scope, eventId),
    queryFn: ({ signal }) => main.get(`${base}/events/${encodeURIComponent(eventId)}/money`, { signal }),
    enabled: Boolean(enabled && scope && eventId),
  });
}

/** {session, event, active, items: [{booking_id, name, email, booked_at, status, cancelled_at, cancel_reason}],
 *  waiting: [{position, name, email, user_id, joined_at}]} (the waiting list, in order). */
export function useRegistrants(sessionId) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: programmeKeys.registrants(scope, sessionId),
    queryFn: () => main.get(`${base}/sessions/${sessionId}/registrants`),
    enabled: Boolean(scope && sessionId),
  });
}

/** Refreshes everything about my events (dashboard and session pages) after a change. */
export function useInvalidateMine() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: programmeKeys.all });
}

export function useCreateEvent() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (event) => main.post(`${base}/events`, event),
    onSuccess: invalidate,
  });
}

/** PATCH with only the changed fields (title, kind, location, description, timezone) → the event. A new zone keeps
 *  every session's instant; only how the times read changes. */
export function useUpdateEvent(eventId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (changes) => main.patch(`${base}/events/${eventId}`, changes),
    onSettled: invalidate,
  });
}

/** {starts_at, ends_at, capacity} → the new session. */
export function useAddSession(eventId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (session) => main.post(`${base}/events/${eventId}/sessions`, session),
    onSuccess: invalidate,
  });
}

/** Sessions from a weekly rule on the event's clock: {rrule, starts_on, start_time, duration_minutes, capacity, price,
 *  currency} → {series_id, sessions}. */
export function useAddSeries(eventId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (series) => main.post(`${base}/events/${eventId}/series`, series),
    onSuccess: invalidate,
  });
}

/** This and the later sessions of a series: {from (a day on the event's clock), start_time?, duration_minutes?,
 *  capacity?} → {series_id, sessions_changed, sessions}; people booked in a moved session are emailed. */
export function useUpdateSeries(eventId, seriesId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (changes) => main.patch(`${base}/events/${eventId}/series/${seriesId}`, changes),
    onSettled: invalidate,
  });
}

/** Cancels the series' sessions from a day on: {from, reason?} → {series_id, sessions_cancelled, bookings_cancelled}. */
export function useCancelSeries(eventId, seriesId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ from, reason }) => main.post(`${base}/events/${eventId}/series/${seriesId}/cancel`, reason ? { from, reason } : { from }),
    onSettled: invalidate,
  });
}

/** Cancels an event, its sessions and bookings → {event, bookings_cancelled}. */
export function useCancelEvent(eventId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ reason }) => main.delete(`${base}/events/${eventId}`, reason ? { reason } : {}),
    onSuccess: invalidate,
  });
}

/** PATCH with only the changed fields → the session. */
export function useUpdateSession(sessionId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (changes) => main.patch(`${base}/sessions/${sessionId}`, changes),
    onSettled: invalidate, // a 409 means the session changed under us: reload it too
  });
}

/** → {session, bookings_cancelled}. */
export function useCancelSession(sessionId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ reason }) => main.post(`${base}/sessions/${sessionId}/cancel`, reason ? { reason } : {}),
    onSettled: invalidate,
  });
}

/** {subject, text} → {recipients}: an email to every active booking of the session (202). Refused with 400 (details.subject,
 *  details.text), 409 session_cancelled, session_finished or no_recipients, 429 with retryAfter. */
export function useMessageRegistrants(sessionId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (message) => main.post(`${base}/sessions/${sessionId}/message`, message),
    // A 409 means the session changed under us (cancelled, over, nobody left): reload it so the page says so.
    onError: (error) => error.status === 409 && invalidate(),
  });
}

/** Fetches the CSV with the token (a plain link could not send it) and hands it to the browser as a download. */
export function useDownloadRegistrants(sessionId) {
  const { main, base } = useProgrammeApi();
  return useMutation({
    mutationFn: async () => {
      const blob = await main.download(`${base}/sessions/${sessionId}/registrants.csv`);
      saveBlob(blob, `registrants-session-${sessionId}.csv`);
    },
  });
}

const passKeys = (scope) => ["programme", scope, "passes"];

/** My passes (class packs and memberships), retired ones too, newest first. */
export function useMyPasses() {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: passKeys(scope),
    queryFn: ({ signal }) => main.get(`${base}/passes`, { signal }).then((answer) => answer.items),
    enabled: Boolean(scope),
  });
}

/** {name, kind, credits | period, …} → the pass, on sale. */
export function useCreatePass() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (pass) => main.post(`${base}/passes`, pass), onSuccess: invalidate });
}

/** {passId, changes} → the pass with the changed fields (PATCH): for the sales to come, a pass sold keeps its terms. */
export function useUpdatePass() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: ({ passId, changes }) => main.patch(`${base}/passes/${encodeURIComponent(passId)}`, changes), onSettled: invalidate });
}

/** Stops selling a pass → the pass, retired (409 pass_retired when it was already). */
export function useRetirePass() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (passId) => main.post(`${base}/passes/${encodeURIComponent(passId)}/retire`, {}), onSettled: invalidate });
}

const codeKeys = (scope) => ["programme", scope, "codes"];

/** My discount codes, newest first, with their uses; retired ones too. Read afresh whenever the page opens: uses move
 *  with every booking and purchase. */
export function useMyCodes() {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: codeKeys(scope),
    queryFn: ({ signal }) => main.get(`${base}/codes`, { signal }).then((answer) => answer.items),
    enabled: Boolean(scope),
    staleTime: 0,
  });
}

/** {code, percent_off | amount_off and currency, max_uses, max_uses_per_person, valid_from, valid_until, applies_to,
 *  event_ids} → the code (upper case); 409 code_exists for a name taken, whatever its case; 400 naming the field. */
export function useCreateCode() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (code) => main.post(`${base}/codes`, code), onSuccess: invalidate });
}

/** {codeId, changes: {max_uses, valid_until, active}} → the code (PATCH); 409 max_uses_below_uses (details.uses). */
export function useUpdateCode() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: ({ codeId, changes }) => main.patch(`${base}/codes/${encodeURIComponent(codeId)}`, changes), onSettled: invalidate });
}

/** No new uses of a code from now → the code, retired (409 code_retired when it was already). */
export function useRetireCode() {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (codeId) => main.post(`${base}/codes/${encodeURIComponent(codeId)}/retire`, {}), onSettled: invalidate });
}

/** {passes_sold, active_members, credits_outstanding, code_uses}: my passes' figures, read afresh whenever the page
 *  opens (they move with every sale, booking and cancellation). */
export function usePassSummary() {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: [...passKeys(scope), "summary"],
    queryFn: ({ signal }) => main.get(`${base}/passes/summary`, { signal }),
    enabled: Boolean(scope),
    staleTime: 0,
  });
}

/** Every pass sold, fetched as a CSV with the token (a plain link could not send it) and saved as passes-sold.csv. */
export function useDownloadPassesSold() {
  const { main, base } = useProgrammeApi();
  return useMutation({
    mutationFn: async () => {
      const blob = await main.download(`${base}/passes/sold.csv`);
      saveBlob(blob, "passes-sold.csv");
    },
  });
}
