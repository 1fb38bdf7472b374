/** A studio's marketing email on the main API: a segment's clients who gave consent are emailed (dry run first for
 *  the count), and whoever got one unsubscribes with its link, no login. See docs/api.md (Studios) and
 *  docs/emails.md (Marketing emails). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { useStudio } from "../../lib/studio.jsx";

/** send({segmentId, subject, text, dry_run}) → {segment {id, name}, recipients, left_out, cap {per_day, used, left}}
 *  and, sent (dry_run false), {id, subject, created_at}. Needs clients.email. 400 naming fields, 404
 *  segment_not_found, 409 no_recipients / daily_cap_reached / already_sent, 503 crm_unavailable. */
export function useSegmentEmail() {
  const { main } = useApi();
  const { base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ segmentId, ...words }) =>
      main.post(`${base}/segments/${encodeURIComponent(segmentId)}/emails`, words),
    onSuccess: (_sent, { dry_run }) => (dry_run ? undefined : queryClient.invalidateQueries({ queryKey: ["marketing-emails"] })),
  });
}

/** One page of the studio's marketing emails, newest first: {items: [{id, segment {id, name}, subject, text,
 *  recipients, unsubscribed, sent_by {id, name}, created_at}], page, per_page, total, pages}. Needs clients.email. */
export function useSentEmails(page = 1) {
  const { main } = useApi();
  const { studio, base, ready } = useStudio();
  return useQuery({
    queryKey: ["marketing-emails", studio?.slug, page],
    queryFn: () => main.get(`${base}/marketing-emails`, { params: { page } }),
    enabled: ready && Boolean(studio),
  });
}

/** The link of a marketing email (/unsubscribe?token=…&marketing=1): {studio {name, slug}, unsubscribed}, changing
 *  nothing. 400 invalid_token. */
export function useMarketingLink(token) {
  const { main } = useApi();
  return useQuery({
    queryKey: ["marketing-unsubscribe", token],
    queryFn: () => main.get("/marketing/unsubscribe", { params: { token } }),
    enabled: Boolean(token),
    retry: false,
  });
}

/** unsubscribe(token) → {studio {name, slug}, unsubscribed: true}. 400 invalid_token, 409 already_unsubscribed. */
export function useUnsubscribeMarketing() {
  const { main } = useApi();
  return useMutation({
    mutationFn: (token) => main.post("/marketing/unsubscribe", undefined, { params: { token } }),
  });
}
