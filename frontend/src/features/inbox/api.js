/** A facilitator's inbox on the CRM: notifications about their events, read marks, unread count. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useAuth } from "../../lib/auth.jsx";

export const inboxKeys = {
  all: ["inbox"],
  unreadCount: ["inbox", "unread-count"],
  list: (filter, page) => ["inbox", "list", filter, page],
  batch: (batchId) => ["inbox", "batch", batchId],
};

export const PAGE_SIZE = 20;
export const UNREAD_POLL_MS = 15_000;

/** No answer, or a gateway saying the CRM is down: the inbox is out of reach, not broken. */
export const isCrmUnreachable = (error) => error?.status === 0 || [502, 503, 504].includes(error?.status);

export const CRM_DOWN_MESSAGE = "The CRM can't be reached right now. Your notifications are safe and will show up here when it's back.";

/** The CRM's own message, except when it can't be reached at all: then the reassuring one. */
export const shownError = (error) => (isCrmUnreachable(error) ? { message: CRM_DOWN_MESSAGE } : error);

/** {unread: n}, polled; only for facilitators (the route is theirs alone). */
export function useUnreadCount() {
  const { user } = useAuth();
  const { crm } = useApi();
  return useQuery({
    queryKey: inboxKeys.unreadCount,
    queryFn: () => crm.get("/notifications/unread-count"),
    enabled: user?.role === "facilitator",
    refetchInterval: UNREAD_POLL_MS,
    retry: false, // the next poll is the retry
  });
}

/** One page of notifications, newest first: {items, page, per_page, total, pages, unread}. */
export function useNotifications({ filter, page }) {
  const { crm } = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: inboxKeys.list(filter, page),
    queryFn: async () => {
      const answer = await crm.get("/notifications", { params: { page, per_page: PAGE_SIZE, unread: filter === "unread" ? "true" : undefined } });
      // The page carries the whole inbox's unread count: the navbar badge need not wait for its next poll.
      if (typeof answer?.unread === "number") queryClient.setQueryData(inboxKeys.unreadCount, { unread: answer.unread });
      return answer;
    },
    placeholderData: keepPreviousData,
    refetchInterval: UNREAD_POLL_MS, // new bookings show up without a reload
  });
}

/**
 * The members of a batch (one action that touched many bookings: an entry's `batch`), loaded when `enabled` (the
 * entry is expanded), a page at a time: {data: {pages: [page, …]}, fetchNextPage, hasNextPage}.
 */
export function useBatchMembers(batchId, { enabled }) {
  const { crm } = useApi();
  return useInfiniteQuery({
    queryKey: inboxKeys.batch(batchId),
    queryFn: ({ pageParam }) => crm.get("/notifications", { params: { batch_id: batchId, page: pageParam, per_page: PAGE_SIZE } }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page < last.pages ? last.page + 1 : undefined),
    enabled,
  });
}

/** Marks one entry read; a batch's entry marks its members too (one unread entry the less). */
export function useMarkRead() {
  const { crm } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id) => crm.post(`/notifications/${id}/read`),
    onSuccess: () => {
      queryClient.setQueryData(inboxKeys.unreadCount, (old) => (old ? { unread: Math.max(0, old.unread - 1) } : old));
      return queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

/** → {marked, unread}. */
export function useMarkAllRead() {
  const { crm } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => crm.post("/notifications/read-all"),
    onSuccess: (answer) => {
      queryClient.setQueryData(inboxKeys.unreadCount, { unread: answer?.unread ?? 0 });
      return queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}
