/** CRM delivery status on the main API: reachability, outbox counts, retries, a test send. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

export const integrationKeys = {
  status: ["integration", "status"],
};

export const STATUS_REFRESH_MS = 10_000;

/** {crm: {base_url, reachable, signing}, outbox: {pending, retrying, dead, delivered_last_hour, oldest_pending_at},
 *  last_success_at, last_error: {attempted_at, message_id, status_code, error} | null, configuration_error} */
export function useIntegrationStatus() {
  const { main } = useApi();
  return useQuery({
    queryKey: integrationKeys.status,
    queryFn: () => main.get("/api/crm/integration"),
    refetchInterval: STATUS_REFRESH_MS,
  });
}

/** Requeues every dead message → {requeued: n}. */
export function useRetryFailed() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => main.patch("/api/crm/integration/retry-failed"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status }),
  });
}

/** Admins only: sends an integration_test notification now → {reachable, delivered, error, response}. */
export function useSendTest() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => main.post("/api/crm/integration/test"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status }),
  });
}
