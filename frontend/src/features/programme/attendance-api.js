/** The day of a session and after it, for its staff: the figures, correcting attendance, walk-ins, the
 *  feedback of the people who came, a person's history with my sessions, and every session's attendance as a CSV. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { saveBlob } from "../../lib/save-blob.js";
import { programmeKeys, useProgrammeApi, useInvalidateMine } from "./api.js";

const sessionKey = (scope, sessionId, what) => ["programme", scope, "sessions", String(sessionId), what];

/** {booked, checked_in, attended, no_shows, walk_ins, late_cancels, closed, average_rating}; asked only when
 *  `enabled` (a role that reads registrants). */
export function useSessionFigures(sessionId, { enabled = true } = {}) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: sessionKey(scope, sessionId, "attendance"),
    queryFn: ({ signal }) => main.get(`${base}/sessions/${sessionId}/attendance`, { signal }),
    enabled: Boolean(enabled && scope && sessionId),
  });
}

/** {count, average, items: [{booking_id, name, rating, comment, at}]} (newest first). */
export function useSessionFeedback(sessionId) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: sessionKey(scope, sessionId, "feedback"),
    queryFn: ({ signal }) => main.get(`${base}/sessions/${sessionId}/feedback`, { signal }),
    enabled: Boolean(scope && sessionId),
  });
}

/** {bookingId, attendance: "attended" | "no_show"} → {booking_id, attendance}; 409 attendance_not_taken before the
 *  session closed. */
export function useCorrectAttendance(sessionId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: ({ bookingId, attendance }) => main.put(`${base}/sessions/${sessionId}/attendance/${bookingId}`, { attendance }),
    onSettled: invalidate,
  });
}

/** {name, email, paid_at_door?} → {booking_id, user_id, new_account, result}: booked and checked in at once. */
export function useWalkIn(sessionId) {
  const { main, base } = useProgrammeApi();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (person) => main.post(`${base}/sessions/${sessionId}/walk-ins`, person),
    onSettled: invalidate,
  });
}

/** {name, email, booked, attended, no_shows, late_cancels, items: [{session_id, title, starts_at, status, seats,
 *  attendance, late_cancel}]}: a person's history with my sessions, newest first; 404 person_not_found. */
export function usePersonAttendance(userId) {
  const { scope, main, base } = useProgrammeApi();
  return useQuery({
    queryKey: [...programmeKeys.all, scope, "people", String(userId)],
    queryFn: ({ signal }) => main.get(`${base}/people/${userId}/attendance`, { signal }),
    enabled: Boolean(scope && userId),
  });
}

/** My sessions of the last 90 days to tomorrow with their attendance, fetched with the token (a plain link could not
 *  send it) and saved as attendance.csv. */
export function useDownloadAttendance() {
  const { main, base } = useProgrammeApi();
  return useMutation({
    mutationFn: async () => {
      const blob = await main.download(`${base}/attendance.csv`);
      saveBlob(blob, "attendance.csv");
    },
  });
}
