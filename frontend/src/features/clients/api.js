/**
 * The current studio's client book on the CRM (/api/studios/<slug>/clients): the list, one client's profile, and
 * what staff write there (notes, tags, consent, merge). Every key holds the studio's slug, so switching studio reads
 * afresh. The CRM reads who may see a studio's book from the token's client_book claim (as of its minting), so a
 * 403, or a 404 studio_not_found, first fetches a token with today's roles (POST /auth/refresh) and asks once more.
 */
import { useCallback, useRef } from "react";
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const LIST_PAGE_SIZE = 20;
export const TIMELINE_PAGE_SIZE = 20;

export const clientKeys = {
  all: ["clients"],
  book: (slug) => ["clients", slug],
  list: (slug, filters, page, perPage) => ["clients", slug, "list", filters, page, perPage],
  profile: (slug, id, page) => ["clients", slug, "profile", Number(id), page],
};

/** Whether the token's client_book claim may predate the person's role here: ask for a fresh token, then again. */
const staleClaim = (error) => error?.status === 403 || (error?.status === 404 && error?.code === "studio_not_found");

/**
 * The current studio's client book: {slug, base, enabled, may: {see, write, all}, send(call)} (all: the whole book, spend
 * included; else an instructor's own clients). send runs
 * call(crm, base) and retries once with a fresh token when the claim looks stale.
 */
export function useClientBook() {
  const { api, replaceToken } = useAuth();
  const { studio, can, ready } = useStudio();
  const slug = studio?.slug ?? null;
  const base = slug === null ? null : `/api/studios/${encodeURIComponent(slug)}/clients`;
  const refreshing = useRef(null); // one fresh token for the reads refused together (the door's cards)
  const send = useCallback(
    async (call) => {
      try {
        return await call(api.crm, base);
      } catch (error) {
        if (!staleClaim(error)) throw error;
        refreshing.current ??= api.main.post("/auth/refresh").then(replaceToken).finally(() => {
          refreshing.current = null;
        });
        await refreshing.current;
        return call(api.crm, base);
      }
    },
    [api, replaceToken, base],
  );
  const see = can("clients.view") || can("clients.own");
  return { slug, base, enabled: ready && slug !== null && see, may: { see, write: can("clients.write"), all: can("clients.view") }, send };
}

/** The filters the list route takes, without the empty ones. `segment` is for a saved segment's picker (a CRM
 *  segment id, once the CRM lists them): passed through as it is. */
export function listQuery({ q = "", tag = "", segment = "" } = {}) {
  const query = {};
  if (q.trim()) query.q = q.trim();
  if (tag.trim()) query.tag = tag.trim().toLowerCase();
  if (segment) query.segment = segment;
  return query;
}

/** One page of the studio's clients for the filters ({q, tag, segment}), most recently seen first:
 *  {items, page, per_page, total, pages}. */
export function useClients(filters, page = 1, { perPage = LIST_PAGE_SIZE, enabled = true } = {}) {
  const book = useClientBook();
  const query = listQuery(filters);
  return useQuery({
    queryKey: clientKeys.list(book.slug, query, page, perPage),
    queryFn: ({ signal }) => book.send((crm, base) => crm.get(base, { params: { ...query, page, per_page: perPage }, signal })),
    enabled: book.enabled && enabled,
    placeholderData: keepPreviousData,
  });
}

/** One client's profile with a page of their timeline (newest first). */
export function useClient(clientId, timelinePage = 1) {
  const book = useClientBook();
  return useQuery({
    queryKey: clientKeys.profile(book.slug, clientId, timelinePage),
    queryFn: ({ signal }) =>
      book.send((crm, base) => crm.get(`${base}/${encodeURIComponent(clientId)}`, { params: { page: timelinePage, per_page: TIMELINE_PAGE_SIZE }, signal })),
    enabled: book.enabled && clientId != null,
    placeholderData: keepPreviousData,
  });
}

/** A write to the book: send(crm, base) → answer, then the book is read again (the profile and the list). */
function useBookWrite(write) {
  const book = useClientBook();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input) => book.send((crm, base) => write(crm, base, input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.book(book.slug) }),
  });
}

const clientPath = (base, clientId) => `${base}/${encodeURIComponent(clientId)}`;

/** text → the note {id, text, author, created_at, edited_at}. */
export const useAddNote = (clientId) => useBookWrite((crm, base, text) => crm.post(`${clientPath(base, clientId)}/notes`, { text }));

/** {noteId, text} → the note; 409 note_locked 24 hours after it was written, 403 someone else's. */
export const useEditNote = (clientId) =>
  useBookWrite((crm, base, { noteId, text }) => crm.patch(`${clientPath(base, clientId)}/notes/${encodeURIComponent(noteId)}`, { text }));

/** tags → {tags} (lower-cased, each once, sorted). */
export const useSetTags = (clientId) => useBookWrite((crm, base, tags) => crm.put(`${clientPath(base, clientId)}/tags`, { tags }));

/** {marketing, how} → {marketing, at, how, recorded_by}. */
export const useSetConsent = (clientId) => useBookWrite((crm, base, consent) => crm.put(`${clientPath(base, clientId)}/consent`, consent));

/** {merged, into}: the client `merged` read as `into` from now on → {id, merged_into, merged_at}; 409 merge_refused. */
export const useMerge = () => useBookWrite((crm, base, { merged, into }) => crm.post(`${clientPath(base, merged)}/merge`, { into }));

/** A merged client's id → it stands alone again; 409 merge_final after 30 days. */
export const useUnmerge = () => useBookWrite((crm, base, merged) => crm.post(`${clientPath(base, merged)}/unmerge`));

/** An email as the book keeps it, to compare two. */
const sameEmail = (a, b) => Boolean(a && b) && a.trim().toLowerCase() === b.trim().toLowerCase();

const CARD_STALE_MS = 5 * 60_000; // a door opened twice in a few minutes asks once

/**
 * The book's record of each person coming (emails: theirs, each once), for the door's cards: [{email, client,
 * profile, isLoading, error}] in the emails' order; `client` null when the book has nobody with that email. Two
 * reads a person (their list entry by email, then their profile with its notes): the CRM has no route taking a
 * session's people at once yet.
 */
export function useComingClients(emails) {
  const book = useClientBook();
  const lookups = useQueries({
    queries: emails.map((email) => ({
      queryKey: [...clientKeys.book(book.slug), "by-email", email.toLowerCase()],
      queryFn: async ({ signal }) => {
        const page = await book.send((crm, base) => crm.get(base, { params: { q: email, per_page: 5 }, signal }));
        return page.items.find((client) => sameEmail(client.email, email)) ?? null;
      },
      enabled: book.enabled,
      staleTime: CARD_STALE_MS,
    })),
  });
  const profiles = useQueries({
    queries: lookups.map((lookup, index) => ({
      // Someone not (yet) found keys on their email: one query each, none run.
      queryKey: [...clientKeys.book(book.slug), "card", lookup.data?.id ?? emails[index].toLowerCase()],
      queryFn: ({ signal }) => book.send((crm, base) => crm.get(clientPath(base, lookup.data.id), { params: { per_page: 1 }, signal })),
      enabled: book.enabled && Boolean(lookup.data),
      staleTime: CARD_STALE_MS,
    })),
  });
  return emails.map((email, index) => ({
    email,
    client: lookups[index].data ?? null,
    profile: profiles[index].data ?? null,
    isLoading: lookups[index].fetchStatus === "fetching" || profiles[index].fetchStatus === "fetching",
    error: lookups[index].error ?? profiles[index].error ?? null,
  }));
}
