/** Delivery status on the main API, per channel (the CRM, email): reachability, outbox counts, retries, a test send. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

export const integrationKeys = {
  status: ["integration", "status"],
};

export const STATUS_REFRESH_MS = 10_000;

/** {crm: {base_url, reachable, signing}, outbox: {pending, retrying, dead, delivered_last_hour, oldest_pending_at},
 *  last_success_at, last_error: {attempted_at, message_id, status_code, error} | null, configuration_error,
 *  email?: {transport, reachable, outbox, last_success_at, last_error, configuration_error}} (see channels.js) */
export function useIntegrationStatus() {
  const { main } = useApi();
  return useQuery({
    queryKey: integrationKeys.status,
    queryFn: () => main.get("/api/crm/integration"),
    refetchInterval: STATUS_REFRESH_MS,
  });
}

/** An action on the deliveries: whatever its outcome, the status is read again. */
function useStatusAction(send) {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send(main),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status }),
  });
}

/** Requeues every dead message of one channel ("crm" | "email", sent as ?channel=) → {requeued: n}. */
export const useRetryFailed = (channel) =>
  useStatusAction((main) => main.patch("/api/crm/integration/retry-failed", undefined, { params: { channel } }));

/** Admins only: sends an integration_test notification now → {reachable, delivered, error, response}. */
export const useSendTest = () => useStatusAction((main) => main.post("/api/crm/integration/test"));
