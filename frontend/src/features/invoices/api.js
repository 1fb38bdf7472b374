/** Invoices on the main API: a person's own (found by the booking or pass they were for, saved as a PDF), and the
 *  current studio's tax settings and documents (a page, and the CSV or ZIP for its accountant). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { saveBlob } from "../../lib/save-blob.js";
import { studioKeys, useStudio } from "../../lib/studio.jsx";

export const PER_PAGE = 25;

/** The current studio's tax settings (defaults until set). */
export function useInvoicing() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["invoicing", base],
    queryFn: ({ signal }) => main.get(`${base}/invoicing`, { signal }),
    enabled: ready,
  });
}

/** settings → the whole set saved (PUT), and the query refreshed with the server's answer. */
export function useSaveInvoicing() {
  const { main } = useApi();
  const { base } = useStudio();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings) => main.put(`${base}/invoicing`, settings),
    onSuccess: (saved) => {
      client.setQueryData(["invoicing", base], saved);
      client.invalidateQueries({ queryKey: studioKeys.all }); // the desk's prices follow whether tax is added
    },
  });
}

/** query ({kind, from, to}) → a page of the studio's documents, newest first. */
export function useStudioInvoices(query, page) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["invoices", base, query, page],
    queryFn: ({ signal }) => main.get(`${base}/invoices`, { params: { ...query, page, per_page: PER_PAGE }, signal }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** {format: "csv" | "zip", query} → the documents for the filters saved as invoices-<slug>.<format>. */
export function useDownloadInvoices() {
  const { main } = useApi();
  const { base, studio } = useStudio();
  return useMutation({
    mutationFn: async ({ format, query }) =>
      saveBlob(await main.download(`${base}/invoices.${format}`, { params: query }), `invoices-${studio?.slug ?? "studio"}.${format}`),
  });
}

/** document ({id, number}) → that one document's PDF saved as <number>.pdf. */
export function useDownloadInvoicePdf() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({
    mutationFn: async (document) => saveBlob(await main.download(`${base}/invoices/${document.id}.pdf`), `${document.number}.pdf`),
  });
}
