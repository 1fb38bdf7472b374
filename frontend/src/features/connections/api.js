/** The current studio's API tokens on the main API (studio.tokens: its owners): the list with the permissions a token
 *  may be given, making one (its whole token comes back this once) and revoking one. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

const tokenKeys = (base) => ["connections", base, "tokens"];

/** {items: [{id, name, prefix, permissions, made_by, created_at, expires_at, last_used_at, revoked_at}], grantable}. */
export function useApiTokens() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({ queryKey: tokenKeys(base), queryFn: ({ signal }) => main.get(`${base}/tokens`, { signal }), enabled: ready });
}

/** {name, permissions, expires_in_days} → the token with its whole `token`; 400 naming fields. */
export function useMakeApiToken() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token) => main.post(`${base}/tokens`, token),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys(base) }),
  });
}

/** tokenId → null (204): the token answers 401 from now on. */
export function useRevokeApiToken() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId) => main.delete(`${base}/tokens/${encodeURIComponent(tokenId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys(base) }),
  });
}
