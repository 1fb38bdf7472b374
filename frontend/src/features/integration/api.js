/** Delivery status on the main API, per channel (the CRM, email): reachability, outbox counts, retries, a test send;
 *  the platform's for an admin, else the current studio's (its members with money.view). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const integrationKeys = {
  status: (scope) => ["integration", "status", scope],
};

/**
 * Whose figures the page shows: {key, status, retry} (the routes of the status and of requeuing the dead), the
 * platform's for an admin (the operators' routes), else the current studio's when its role has money.view
 * (/api/studios/<slug>/delivery); null for anyone else (a facilitator without a studio has no figures of their own).
 */
export function useDeliveryScope() {
  const { user } = useAuth();
  const { studio, can } = useStudio();
  if (user?.role === "admin") return { key: "platform", status: "/api/crm/integration", retry: "/api/crm/integration/retry-failed" };
  if (!studio || !can("money.view")) return null;
  const base = `/api/studios/${encodeURIComponent(studio.slug)}/delivery`;
  return { key: studio.slug, status: base, retry: `${base}/retry-failed` };
}

export const STATUS_REFRESH_MS = 10_000;

/** {crm: {base_url, reachable, signing}, outbox: {pending, retrying, dead, delivered_last_hour, oldest_pending_at},
 *  last_success_at, last_error: {attempted_at, message_id, status_code, error} | null, configuration_error,
 *  email?: {transport, reachable, outbox, last_success_at, last_error, configuration_error}} (see channels.js) */
export function useIntegrationStatus() {
  const { main } = useApi();
  const scope = useDeliveryScope();
  return useQuery({
    queryKey: integrationKeys.status(scope?.key ?? null),
    queryFn: () => main.get(scope.status),
    enabled: scope !== null,
    refetchInterval: STATUS_REFRESH_MS,
  });
}

/** An action on the deliveries: whatever its outcome, the status is read again. */
function useStatusAction(send) {
  const { main } = useApi();
  const scope = useDeliveryScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send(main, scope),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.status(scope?.key ?? null) }),
  });
}

/** Requeues every dead message of one channel ("crm" | "email", sent as ?channel=), the studio's alone on a studio's
 *  page → {requeued: n}. */
export const useRetryFailed = (channel) =>
  useStatusAction((main, scope) => main.patch(scope.retry, undefined, { params: { channel } }));

/** Admins only: sends an integration_test notification now → {reachable, delivered, error, response}. */
export const useSendTest = () => useStatusAction((main) => main.post("/api/crm/integration/test"));
