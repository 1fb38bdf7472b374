/** TanStack Query defaults: retry only what may pass on a second try (network, 5xx), never a 4xx. */
import { QueryClient } from "@tanstack/react-query";

/** The root key of the catalogue's queries (lists and details). It lives here rather than in the events feature
 *  because the bookings feature refreshes it too: a booking moves seats. */
export const EVENTS_ROOT_KEY = ["events"];

/** The root key of the passes on sale and the person's own. Here for the same reason: a booking with a pass spends
 *  its credits, and cancelling one may give them back. */
export const PASSES_ROOT_KEY = ["passes"];

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => failures < 2 && (error?.status === 0 || error?.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
