/** Platform admins on the main API: every studio (with its owners and members), accounts found by email or name, and
 *  making an account a studio's owner. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { t } from "../../lib/i18n.js";

export const adminKeys = {
  studios: (q, page) => ["admin", "studios", q, page],
};

export const PER_PAGE = 20;

/** {items: [{id, name, slug, closed, closed_at, owners: [{user_id, name, email}], members}], page, pages, total}. */
export function useAdminStudios(q, page) {
  const { main } = useApi();
  return useQuery({
    queryKey: adminKeys.studios(q, page),
    queryFn: ({ signal }) => main.get("/api/admin/studios", { signal, params: { q: q || undefined, page, per_page: PER_PAGE } }),
    placeholderData: keepPreviousData,
  });
}

/** The account with exactly this email (any case), found through GET /api/admin/users; null when there is none. */
export async function accountByEmail(main, email) {
  const wanted = email.trim().toLowerCase();
  const answer = await main.get("/api/admin/users", { params: { q: wanted, limit: 25 } });
  return (answer.items ?? []).find((account) => account.email.toLowerCase() === wanted) ?? null;
}

/** {slug, email} → the account made an owner ({id, name, email}); an error saying so when none has the email.
 *  The studios list is read again. */
export function useMakeOwner() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ slug, email }) => {
      const account = await accountByEmail(main, email);
      if (!account) throw new Error(t("admin:ownerForm.noAccount"));
      await main.post(`/api/admin/studios/${encodeURIComponent(slug)}/owners`, { user_id: account.id });
      return account;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "studios"] }),
  });
}
