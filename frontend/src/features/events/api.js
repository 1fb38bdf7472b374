/** Reading the public catalogue: GET /events (filtered, paginated) and GET /events/<id>. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { EVENTS_ROOT_KEY } from "../../lib/query-client.js";

export const EVENTS_PER_PAGE = 12;
export const EVENT_KINDS = ["session", "retreat"];

/** Query keys: invalidate eventKeys.all after anything that changes seats or events. */
export const eventKeys = {
  all: EVENTS_ROOT_KEY,
  lists: () => [...EVENTS_ROOT_KEY, "list"],
  list: (params) => [...EVENTS_ROOT_KEY, "list", params],
  detail: (eventId) => [...EVENTS_ROOT_KEY, "detail", String(eventId)],
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar day ("2026-12-05") at the given local time, as an ISO time; undefined when not a real day. */
function localDayIso(day, hours, minutes, seconds, ms) {
  const match = DAY.exec(day ?? "");
  if (!match) return undefined;
  const [year, month, date] = match.slice(1).map(Number);
  const moment = new Date(year, month - 1, date, hours, minutes, seconds, ms);
  if (Number.isNaN(moment.getTime()) || moment.getDate() !== date) return undefined;
  return moment.toISOString();
}

export const startOfLocalDay = (day) => localDayIso(day, 0, 0, 0, 0);
export const endOfLocalDay = (day) => localDayIso(day, 23, 59, 59, 999);
export const isDay = (day) => startOfLocalDay(day) !== undefined;

/** The URL's filters ({q, kind, from, to, page}) as GET /events query arguments. */
export function eventQueryParams({ q = "", kind = "", from = "", to = "", page = 1 } = {}) {
  return {
    q: q.trim() || undefined,
    kind: EVENT_KINDS.includes(kind) ? kind : undefined,
    from: startOfLocalDay(from),
    to: endOfLocalDay(to),
    page,
    per_page: EVENTS_PER_PAGE,
  };
}

export function useEvents(filters) {
  const { main } = useApi();
  const params = eventQueryParams(filters);
  return useQuery({
    queryKey: eventKeys.list(params),
    queryFn: ({ signal }) => main.get("/events", { params, signal }),
    // The old page stays on screen while the next one loads: no flash between pages or filters.
    placeholderData: keepPreviousData,
  });
}

export function useEvent(eventId) {
  const { main } = useApi();
  return useQuery({
    queryKey: eventKeys.detail(eventId),
    queryFn: ({ signal }) => main.get(`/events/${encodeURIComponent(eventId)}`, { signal }),
  });
}
