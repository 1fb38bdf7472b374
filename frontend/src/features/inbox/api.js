/**
 * An inbox on the CRM: the current studio's (?studio_id=, for its members with inbox.read) or, without a studio, a
 * facilitator's own (their events' notifications); read marks, unread count.
 */
import { useCallback } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../lib/auth.jsx";
import { t } from "../../lib/i18n.js";
import { useStudio } from "../../lib/studio.jsx";

/** Each inbox's queries under its own key: "own" (a facilitator's) or the studio's id. */
export const inboxKeys = {
  all: ["inbox"],
  unreadCount: (owner) => ["inbox", owner, "unread-count"],
  list: (owner, filter, page) => ["inbox", owner, "list", filter, page],
  batch: (owner, batchId) => ["inbox", owner, "batch", batchId],
};

export const PAGE_SIZE = 20;
export const UNREAD_POLL_MS = 15_000;

/** No answer, or a gateway saying the CRM is down: the inbox is out of reach, not broken. */
export const isCrmUnreachable = (error) => error?.status === 0 || [502, 503, 504].includes(error?.status);

/** What the inbox says while the CRM is out of reach. */
export const crmDownMessage = () => t("inbox:crmDown");

/** The CRM's own message, except when it can't be reached at all: then the reassuring one. */
export const shownError = (error) => (isCrmUnreachable(error) ? { message: crmDownMessage() } : error);

/**
 * The current inbox: {owner (its key), enabled (the person may read it), send(call)}. send runs call(crm, params)
 * with the inbox's params (studio_id, or none for a facilitator's own). The CRM reads a studio's members from the
 * token (its inbox_studios claim, as of its minting), so a 403 from a studio's inbox first fetches a token with
 * today's studios (POST /auth/refresh: someone who joined since signing in), then asks once more.
 */
export function useInbox() {
  const { api, replaceToken } = useAuth();
  const { studio, can, ready } = useStudio();
  const studioId = studio?.id ?? null;
  const send = useCallback(
    async (call) => {
      const params = studioId === null ? {} : { studio_id: studioId };
      try {
        return await call(api.crm, params);
      } catch (error) {
        if (studioId === null || error?.status !== 403) throw error;
        replaceToken(await api.main.post("/auth/refresh"));
        return call(api.crm, params);
      }
    },
    [api, replaceToken, studioId],
  );
  return { owner: studioId ?? "own", enabled: ready && can("inbox.read"), send };
}

/** {unread: n}, polled; only for those who may read the inbox (inbox.read). */
export function useUnreadCount() {
  const inbox = useInbox();
  return useQuery({
    queryKey: inboxKeys.unreadCount(inbox.owner),
    queryFn: () => inbox.send((crm, params) => crm.get("/notifications/unread-count", { params })),
    enabled: inbox.enabled,
    refetchInterval: UNREAD_POLL_MS,
    retry: false, // the next poll is the retry
  });
}

/** One page of notifications, newest first: {items, page, per_page, total, pages, unread}. */
export function useNotifications({ filter, page }) {
  const inbox = useInbox();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: inboxKeys.list(inbox.owner, filter, page),
    queryFn: async () => {
      const unread = filter === "unread" ? "true" : undefined;
      const answer = await inbox.send((crm, params) => crm.get("/notifications", { params: { ...params, page, per_page: PAGE_SIZE, unread } }));
      // The page carries the whole inbox's unread count: the navbar badge need not wait for its next poll.
      if (typeof answer?.unread === "number") queryClient.setQueryData(inboxKeys.unreadCount(inbox.owner), { unread: answer.unread });
      return answer;
    },
    enabled: inbox.enabled,
    placeholderData: keepPreviousData,
    refetchInterval: UNREAD_POLL_MS, // new bookings show up without a reload
  });
}

/**
 * The members of a batch (one action that touched many bookings: an entry's `batch`), loaded when `enabled` (the
 * entry is expanded), a page at a time: {data: {pages: [page, …]}, fetchNextPage, hasNextPage}.
 */
export function useBatchMembers(batchId, { enabled }) {
  const inbox = useInbox();
  return useInfiniteQuery({
    queryKey: inboxKeys.batch(inbox.owner, batchId),
    queryFn: ({ pageParam }) =>
      inbox.send((crm, params) => crm.get("/notifications", { params: { ...params, batch_id: batchId, page: pageParam, per_page: PAGE_SIZE } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page < last.pages ? last.page + 1 : undefined),
    enabled: enabled && inbox.enabled,
  });
}

/** Marks one entry read; a batch's entry marks its members too (one unread entry the less). */
export function useMarkRead() {
  const inbox = useInbox();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id) => inbox.send((crm, params) => crm.post(`/notifications/${id}/read`, undefined, { params })),
    onSuccess: () => {
      queryClient.setQueryData(inboxKeys.unreadCount(inbox.owner), (old) => (old ? { unread: Math.max(0, old.unread - 1) } : old));
      return queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}

/** → {marked, unread}. */
export function useMarkAllRead() {
  const inbox = useInbox();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => inbox.send((crm, params) => crm.post("/notifications/read-all", undefined, { params })),
    onSuccess: (answer) => {
      queryClient.setQueryData(inboxKeys.unreadCount(inbox.owner), { unread: answer?.unread ?? 0 });
      return queryClient.invalidateQueries({ queryKey: inboxKeys.all });
    },
  });
}
