/**
 * The current studio's saved segments on the CRM (/api/studios/<slug>/segments): the list with each one's live
 * count, the built-in presets to start from, and saving, renaming and deleting one (clients.view to read,
 * clients.write to change; an instructor sees none). Beside them, the client list (or a segment) as a CSV download.
 * Every call goes through the book's send, so a stale client_book claim is refreshed once, as the list's are.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { saveBlob } from "../../lib/save-blob.js";
import { clientKeys, listQuery, useClientBook } from "./api.js";

export const segmentKeys = {
  list: (slug) => [...clientKeys.book(slug), "segments"],
  presets: (slug) => [...clientKeys.book(slug), "segment-presets"],
};

const PRESETS_STALE_MS = 60 * 60_000; // built into the CRM: they change with a release, not during a visit

/** /api/studios/<slug>, the prefix of the segments' routes and of the CSV's. */
const studioPath = (slug) => `/api/studios/${encodeURIComponent(slug)}`;
const segmentsPath = (slug) => `${studioPath(slug)}/segments`;
const segmentPath = (slug, id) => `${segmentsPath(slug)}/${encodeURIComponent(id)}`;

/** The book as segments see it: {...book, enabled} with enabled only for the whole book (clients.view). */
function useSegmentBook() {
  const book = useClientBook();
  return { ...book, enabled: book.enabled && book.may.all };
}

/** The studio's segments, alphabetical: [{id, name, filters, count, created_by, created_at, updated_at}]. */
export function useSegments() {
  const book = useSegmentBook();
  return useQuery({
    queryKey: segmentKeys.list(book.slug),
    queryFn: ({ signal }) => book.send((crm) => crm.get(segmentsPath(book.slug), { signal })).then((answer) => answer.items ?? []),
    enabled: book.enabled,
  });
}

/** The CRM's presets: [{key, name, description, filters}]. */
export function useSegmentPresets({ enabled = true } = {}) {
  const book = useSegmentBook();
  return useQuery({
    queryKey: segmentKeys.presets(book.slug),
    queryFn: ({ signal }) => book.send((crm) => crm.get(`${segmentsPath(book.slug)}/presets`, { signal })).then((answer) => answer.items ?? []),
    enabled: book.enabled && enabled,
    staleTime: PRESETS_STALE_MS,
  });
}

/** A change to the segments: write(crm, slug, input) → answer; then the book is read again (counts, the list).
 *  wait: the caller's onSuccess runs once the book is read again (a new segment is then in the picker); without it
 *  at once (a deleted segment is left before the list applying it is asked again, and answers 404). */
function useSegmentWrite(write, { wait = true } = {}) {
  const book = useClientBook();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input) => book.send((crm) => write(crm, book.slug, input)),
    onSuccess: () => {
      const reading = queryClient.invalidateQueries({ queryKey: clientKeys.book(book.slug) });
      return wait ? reading : undefined;
    },
  });
}

/** {name, filters} → the new segment with its count; 400 names a bad field, 409 segment_limit past 50. */
export const useSaveSegment = () => useSegmentWrite((crm, slug, segment) => crm.post(segmentsPath(slug), segment));

/** {id, name} → the renamed segment. */
export const useRenameSegment = () => useSegmentWrite((crm, slug, { id, name }) => crm.patch(segmentPath(slug, id), { name }));

/** id → gone (204); its clients are untouched. */
export const useDeleteSegment = () => useSegmentWrite((crm, slug, id) => crm.delete(segmentPath(slug, id)), { wait: false });

/** filters ({q, tag, segment}) → every client the list would show, fetched with the token (a plain link could not
 *  send it) and saved as clients-<slug>.csv, the CRM's name for it. */
export function useDownloadClients() {
  const book = useClientBook();
  return useMutation({
    mutationFn: async (filters) => {
      const blob = await book.send((crm) => crm.download(`${studioPath(book.slug)}/clients.csv`, { params: listQuery(filters) }));
      saveBlob(blob, `clients-${book.slug}.csv`);
    },
  });
}
