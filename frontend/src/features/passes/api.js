/** Passes for the person who books: those on sale for an event (GET /passes?event_id=, public), whether its intro
 *  offers are theirs, buying one (POST /passes/<id>/buy) and their own (GET /me/passes). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { PASSES_ROOT_KEY } from "../../lib/query-client.js";

export const passKeys = {
  onSale: (eventId) => [...PASSES_ROOT_KEY, "on-sale", String(eventId)],
  mine: (userId) => [...PASSES_ROOT_KEY, "mine", userId],
  newCustomer: (userId, facilitatorId) => [...PASSES_ROOT_KEY, "new-customer", userId, String(facilitatorId)],
};

/** The passes on sale that cover an event. */
export function usePassesOnSale(eventId) {
  const { main } = useApi();
  return useQuery({
    queryKey: passKeys.onSale(eventId),
    queryFn: ({ signal }) => main.get("/passes", { params: { event_id: eventId }, signal }).then((answer) => answer.items),
    enabled: eventId !== undefined && eventId !== null,
  });
}

/** The signed-in person's passes, newest first; only for `user` accounts (staff get 403). */
export function useOwnedPasses({ enabled = true } = {}) {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: passKeys.mine(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/me/passes", { signal }).then((answer) => answer.items),
    enabled: enabled && user?.role === "user",
  });
}

/** Whether the signed-in person is new to a facilitator (GET /me/passes/new-customer), so their intro offers
 *  (new_customers_only) are theirs: asked only for a `user` account and when `enabled` (an intro offer is on show). */
export function useNewCustomer(facilitatorId, { enabled = true } = {}) {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: passKeys.newCustomer(user?.id ?? null, facilitatorId),
    queryFn: ({ signal }) => main.get("/me/passes/new-customer", { params: { facilitator_id: facilitatorId }, signal }).then((answer) => answer.new_customer),
    enabled: enabled && user?.role === "user" && facilitatorId != null,
  });
}

/** {productId, code?} (a discount code, taken off its price) → {pass, checkout_url}: pay at checkout_url, or (null)
 *  it is good already. */
export function useBuyPass() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, code }) => main.post(`/passes/${encodeURIComponent(productId)}/buy`, code ? { code } : {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PASSES_ROOT_KEY }),
  });
}

/** Stop a membership's renewal (POST /me/passes/<id>/cancel): it stays good to the end of its period. */
export function useStopRenewal() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (passId) => main.post(`/me/passes/${encodeURIComponent(passId)}/cancel`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PASSES_ROOT_KEY }),
  });
}
