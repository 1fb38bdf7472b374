/** TanStack Query defaults: retry only what may pass on a second try (network, 5xx), never a 4xx. */
import { QueryClient } from "@tanstack/react-query";

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
