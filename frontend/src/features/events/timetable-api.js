/** GET /timetable: a week of sessions across events, day by day (of one studio's events, for its widget). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../lib/query-client.js";
import { addDays } from "./week.js";

export const TIMETABLE_KINDS = ["session", "retreat"];

/** Under the catalogue's root key: a booking refreshes the seats shown here too. */
export const timetableKey = (params) => [...EVENTS_ROOT_KEY, "timetable", params];

/** The week's filters ({week, kind, q, teacher: who teaches the session, facilitator: who made its event, studio: a
 *  studio's slug}) as the API's query. */
export function timetableParams({ week, kind = "", q = "", teacher = "", facilitator = "", studio = "" }) {
  return {
    from: week,
    to: addDays(week, 6),
    kind: TIMETABLE_KINDS.includes(kind) ? kind : undefined,
    q: q.trim() || undefined,
    instructor_id: /^\d+$/.test(teacher) ? teacher : undefined,
    facilitator_id: /^\d+$/.test(facilitator) ? facilitator : undefined,
    studio: studio || undefined,
  };
}

export function useTimetable(filters) {
  const { main } = useApi();
  const params = timetableParams(filters);
  return useQuery({
    queryKey: timetableKey(params),
    queryFn: ({ signal }) => main.get("/timetable", { params, signal }),
    // The week on screen stays while the next one loads.
    placeholderData: keepPreviousData,
  });
}
