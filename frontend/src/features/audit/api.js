/** The current studio's audit log on the main API (audit.view): a page of entries for the filters, who acted in it
 *  (for its person filter), the members (to name what older entries touched), and the same entries as a CSV. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { saveBlob } from "../../lib/save-blob.js";
import { useStudio } from "../../lib/studio.jsx";

export const PER_PAGE = 25;

/** query: the API's filters (entries.js auditQuery) → {items, page, per_page, total, pages}, newest first. */
export function useAuditEntries(query, page) {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["audit", base, query, page],
    queryFn: ({ signal }) => main.get(`${base}/audit`, { params: { ...query, page, per_page: PER_PAGE }, signal }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** Everyone who acted in the studio's log, members or not any more [{id, name}]: the person filter's choices. */
export function useAuditPeople() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["audit", base, "people"],
    queryFn: ({ signal }) => main.get(`${base}/audit/people`, { signal }).then((answer) => answer.items ?? []),
    enabled: ready,
  });
}

/** The studio's members [{user_id, name, email, role}]: who an entry's actor_id is. */
export function useAuditMembers() {
  const { main } = useApi();
  const { base, ready } = useStudio();
  return useQuery({
    queryKey: ["audit", base, "members"],
    queryFn: ({ signal }) => main.get(`${base}/members`, { signal }).then((answer) => answer.items ?? []),
    enabled: ready,
  });
}

/** query → the entries for the filters saved as audit-<slug>.csv, the server's name for it (fetched with the token:
 *  a plain link could not send it). */
export function useDownloadAudit() {
  const { main } = useApi();
  const { base, studio } = useStudio();
  const filename = studio ? `audit-${studio.slug}.csv` : "audit.csv";
  return useMutation({
    mutationFn: async (query) => saveBlob(await main.download(`${base}/audit.csv`, { params: query }), filename),
  });
}
