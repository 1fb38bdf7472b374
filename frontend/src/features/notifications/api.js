/** The signed-in person's notification centre on the main API: a page of notices (unread first), their counts, and
 *  marking them read. The live stream (live.js) keeps the counts fresh. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";

export const PAGE_SIZE = 20;

export const noticeKeys = {
  all: ["notifications"],
  counts: (userId) => ["notifications", userId, "counts"],
  pages: (userId) => ["notifications", userId, "page"],
  page: (userId, page) => ["notifications", userId, "page", page],
};

/** Only people who book have a centre (staff have the CRM's inbox). */
export const hasCentre = (user) => user?.role === "user";

/** {total, unread} of the person's notices: read once, then kept fresh by the live stream. */
export function useNoticeCounts() {
  const { main } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: noticeKeys.counts(user?.id ?? null),
    queryFn: async ({ signal }) => {
      const page = await main.get("/me/notifications", { params: { per_page: 1 }, signal });
      return { total: page.total, unread: page.unread };
    },
    enabled: hasCentre(user),
    staleTime: Infinity, // the stream says when it changes
    retry: false,
  });
}

/** One page of notices, unread first and newest first: {items, page, pages, total, unread}. */
export function useNotices(page) {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: noticeKeys.page(user?.id ?? null, page),
    queryFn: async ({ signal }) => {
      const answer = await main.get("/me/notifications", { params: { page, per_page: PAGE_SIZE }, signal });
      queryClient.setQueryData(noticeKeys.counts(user?.id ?? null), { total: answer.total, unread: answer.unread });
      return answer;
    },
    placeholderData: keepPreviousData,
  });
}

/** Marks notices read: {ids: [...]} or {all: true} → {marked, unread}; the counts and pages follow at once. */
export function useMarkRead() {
  const { main } = useApi();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body) => main.post("/me/notifications/read", body),
    onSuccess: (answer) => {
      queryClient.setQueryData(noticeKeys.counts(user?.id ?? null), (counts) => (counts ? { ...counts, unread: answer.unread } : counts));
      queryClient.invalidateQueries({ queryKey: noticeKeys.pages(user?.id ?? null) });
    },
  });
}
