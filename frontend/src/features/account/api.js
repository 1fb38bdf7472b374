/** The signed-in account (GET /auth/me: name, email, role and the private calendar feed's address) and replacing
 *  that address (POST /auth/calendar-feed). */
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
