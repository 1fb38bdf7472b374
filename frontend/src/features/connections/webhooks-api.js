/** The current studio's webhooks on the main API (webhooks.manage): its endpoints with the catalogue of event types,
 *  making one (its signing secret comes back this once), changing, switching off and removing one, each one's
 *  delivery log, sending a delivery again and sending a test. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

const hookKeys = {
  all: (base) => ["connections", base, "webhooks"],
  log: (base, webhookId, page) => ["connections", base, "webhooks", webhookId, "log", page],
};

/** {items: [{id, url, description, event_types, source, active, created_at}], event_types: [{type, description}]}. */
export function useWebhooks() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({ queryKey: hookKeys.all(base), queryFn: ({ signal }) => main.get(`${base}/webhooks`, { signal }), enabled: ready });
}

function useHookChange(mutationFn) {
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: hookKeys.all(base) }) });
}

/** {url, description, event_types} → the endpoint with its `secret`; 400 naming fields, 409 too_many_webhooks. */
export function useMakeWebhook() {
  const { main } = useApi();
  const { base } = useStudio();
  return useHookChange((hook) => main.post(`${base}/webhooks`, hook));
}

/** {id, ...changes} → the endpoint. */
export function useChangeWebhook() {
  const { main } = useApi();
  const { base } = useStudio();
  return useHookChange(({ id, ...changes }) => main.patch(`${base}/webhooks/${encodeURIComponent(id)}`, changes));
}

/** id → null (204). */
export function useRemoveWebhook() {
  const { main } = useApi();
  const { base } = useStudio();
  return useHookChange((id) => main.delete(`${base}/webhooks/${encodeURIComponent(id)}`));
}

/** The endpoint's deliveries, newest first, a page at a time: {items, page, pages, total}. */
export function useDeliveries(webhookId, page) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: hookKeys.log(base, webhookId, page),
    queryFn: ({ signal }) => main.get(`${base}/webhooks/${encodeURIComponent(webhookId)}/deliveries`, { params: { page, per_page: 10 }, signal }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

function useLogChange(webhookId, mutationFn) {
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: [...hookKeys.all(base), webhookId] }) });
}

/** deliveryId → the delivery, queued again. */
export function useRedeliver(webhookId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useLogChange(webhookId, (deliveryId) => main.post(`${base}/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`));
}

/** () → a webhook_test delivery, queued. */
export function useSendTest(webhookId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useLogChange(webhookId, () => main.post(`${base}/webhooks/${encodeURIComponent(webhookId)}/test`));
}
