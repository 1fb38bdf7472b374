/**
 * The current studio's client book on the CRM (/api/studios/<slug>/clients): the list, one client's profile, and
 * what staff write there (notes, tags, consent, merge). Every key holds the studio's slug, so switching studio reads
 * afresh. The CRM reads who may see a studio's book from the token's client_book claim (as of its minting), so a
 * 403, or a 404 studio_not_found, first fetches a token with today's roles (POST /auth/refresh) and asks once more.
 */
import { useCallback, useRef } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

export const LIST_PAGE_SIZE = 20;
export const TIMELINE_PAGE_SIZE = 20;

export const clientKeys = {
  all: ["clients"],
  book: (slug) => ["clients", slug],
  list: (slug, filters, page, perPage) => ["clients", slug, "list", filters, page, perPage],
  client: (slug, id) => ["clients", slug, "profile", Number(id)],
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

const CARD_STALE_MS = 5 * 60_000; // a door opened twice in a few minutes asks once
const MOST_CARDS = 200; // the CRM's bound on one request's emails

/**
 * The book's card of each person coming (emails: theirs and their guests'), for the door: [{email, client, notes,
 * notesTotal, tags, isLoading, error}], each email once (lower case) in the order given; `client` null when the book
 * has nobody the reader may see with that email. One request for a session's people (POST …/clients/cards; a
 * session of more than 200, one per 200), each card with the client's newest notes and tags.
 */
export function useComingClients(emails) {
  const book = useClientBook();
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  const cards = useQuery({
    queryKey: [...clientKeys.book(book.slug), "cards", wanted],
    queryFn: async ({ signal }) => {
      const chunks = [];
      for (let start = 0; start < wanted.length; start += MOST_CARDS) chunks.push(wanted.slice(start, start + MOST_CARDS));
      const answers = await Promise.all(
        chunks.map((chunk) => book.send((crm, base) => crm.post(`${base}/cards`, { emails: chunk }, { signal }))),
      );
      return new Map(answers.flatMap((answer) => answer.items).map((card) => [card.email, card]));
    },
    enabled: book.enabled && wanted.length > 0,
    staleTime: CARD_STALE_MS,
  });
  return wanted.map((email) => {
    const card = cards.data?.get(email);
    return {
      email,
      client: card?.client ?? null,
      notes: card?.notes ?? [],
      notesTotal: card?.notes_total ?? 0,
      tags: card?.tags ?? [],
      isLoading: cards.fetchStatus === "fetching",
      error: cards.error ?? null,
    };
  });
}
