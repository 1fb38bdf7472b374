/** The signed-in account (GET /auth/me: name, email, role and the private calendar feed's address), replacing
 *  that address (POST /auth/calendar-feed) and changing the password (POST /auth/password). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";

export const accountKeys = {
  all: ["account"],
  me: (userId) => ["account", "me", userId],
};

/** {id, name, email, username, role, created_at, calendar_feed_url} of the signed-in account. */
export function useAccount() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: accountKeys.me(user?.id ?? null),
    queryFn: ({ signal }) => main.get("/auth/me", { signal }),
    enabled: Boolean(user),
  });
}

/** A new feed address ({calendar_feed_url}); the old one stops working. The account shown takes the new one at once. */
export function useNewCalendarFeed() {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => main.post("/auth/calendar-feed"),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountKeys.me(user?.id ?? null), (account) => (account ? { ...account, calendar_feed_url: answer.calendar_feed_url } : account));
    },
  });
}

/**
 * changePassword({current_password, new_password}) → the user. The server signs out every other session of the
 * account and answers with a new token for this one (the one sent is revoked too), which replaces the stored one.
 * Throws ApiError: 400 validation_error (details.current_password, details.new_password), 429 too_many_requests.
 */
export function useChangePassword() {
  const { main } = useApi();
  const { replaceToken } = useAuth();
  return async (passwords) => replaceToken(await main.post("/auth/password", passwords));
}
