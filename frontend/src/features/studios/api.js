/** Studios as teams on the main API: making one, its members (the list, inviting, changing a role, removing),
 *  accepting an invitation, and its settings, payments, exports and imports. Member calls go to the current studio
 *  (lib/studio.jsx useStudio). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchAllPages } from "../../lib/api-client.js";
import { useApi, useAuth } from "../../lib/auth.jsx";
import { studioKeys, useStudio } from "../../lib/studio.jsx";
import { ZIP_TYPE } from "./studio-import.js";

const memberKeys = (slug) => [...studioKeys.all, slug, "members"];
const invitationKeys = (slug) => [...studioKeys.all, slug, "invitations"];

/** {name, slug?, timezone, currency, country, contact_email?, contact_phone?} → the studio (with my_role owner and
 *  my_permissions), listed and made the current one. 400 naming fields, 403 studio_signup_closed, 409 slug_taken. */
export function useCreateStudio() {
  const { main } = useApi();
  const { addStudio } = useStudio();
  return useMutation({ mutationFn: (studio) => main.post("/api/studios", studio), onSuccess: addStudio });
}

/** The current studio's members, owners first: [{user_id, name, email, role, joined_at}]. */
export function useMembers() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: memberKeys(studio?.slug),
    queryFn: ({ signal }) => main.get(`${base}/members`, { signal }).then((answer) => answer.items ?? []),
    enabled: Boolean(studio),
  });
}

/** After a change of members: the list again, and my studios when the change was mine (my role, or my leaving). */
function useMembersChanged() {
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const { studio, refresh } = useStudio();
  return (userId) => {
    queryClient.invalidateQueries({ queryKey: memberKeys(studio?.slug) });
    if (userId === user?.id) refresh();
  };
}

/** {email, role} → {id, email, role, expires_at}: emailed a link good for seven days. 400 naming fields, 403, 409
 *  already_member, 429 too_many_invitations. */
export function useInvite() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation) => main.post(`${base}/invitations`, invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys(studio?.slug) }),
  });
}

/** The current studio's open invitations, newest first, when `enabled`: [{id, email, role, invited_by: {id, name} |
 *  null, created_at, expires_at}]. */
export function useInvitations({ enabled }) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: invitationKeys(studio?.slug),
    queryFn: ({ signal }) => main.get(`${base}/invitations`, { signal }).then((answer) => answer.items ?? []),
    enabled: Boolean(enabled && studio),
  });
}

/** invitationId → null (204): its link then answers invitation_revoked. 404 invitation_not_found (gone already), 409
 *  invitation_used, 403. The list is read again either way. */
export function useWithdrawInvitation() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId) => main.delete(`${base}/invitations/${encodeURIComponent(invitationId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationKeys(studio?.slug) }),
  });
}

/** {userId, role} → {user_id, role}; 409 last_owner or member_teaches (details.session_ids), 403. */
export function useChangeRole() {
  const { main } = useApi();
  const { base } = useStudio();
  const changed = useMembersChanged();
  return useMutation({
    mutationFn: ({ userId, role }) => main.patch(`${base}/members/${encodeURIComponent(userId)}`, { role }),
    onSettled: (_answer, _error, { userId }) => changed(userId),
  });
}

/** userId → null (204); 409 last_owner or member_teaches (details.session_ids), 403. */
export function useRemoveMember() {
  const { main } = useApi();
  const { base } = useStudio();
  const changed = useMembersChanged();
  return useMutation({
    mutationFn: (userId) => main.delete(`${base}/members/${encodeURIComponent(userId)}`),
    onSettled: (_answer, _error, userId) => changed(userId),
  });
}

/** The current studio's events with their sessions, when `enabled`: what names the sessions a member still teaches. */
export function useStudioEvents({ enabled }) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: [...studioKeys.all, studio?.slug, "events"],
    queryFn: ({ signal }) => fetchAllPages(main, `${base}/events`, { signal }),
    enabled: Boolean(enabled && studio),
  });
}

/** token → {studio: {id, slug, name}, role}: I am a member, my studios are read again and it is the current one.
 *  403 invitation_for_another_account, 404 invitation_not_found, 409 invitation_used or already_member, 410
 *  invitation_expired or invitation_revoked. */
/** An invitation by its link's token, read before signing in: {studio: {name}, role, email (the address it was sent
 *  to), invited_by: {name} | null, expires_at}; its error (404, 409 invitation_used, 410) when the link is no longer
 *  open. */
export function useInvitation(token) {
  const { main } = useApi();
  return useQuery({
    queryKey: ["invitations", token],
    queryFn: ({ signal }) => main.get(`/api/invitations/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    enabled: Boolean(token),
  });
}

export function useAcceptInvitation() {
  const { main } = useApi();
  const { refresh, setStudio } = useStudio();
  return useMutation({
    mutationFn: (token) => main.post(`/api/invitations/${encodeURIComponent(token)}/accept`, {}),
    onSuccess: async (joined) => {
      await refresh();
      setStudio(joined.studio.slug);
    },
  });
}

/** slug → a studio's public page: {studio: {id, name, slug, timezone, currency, country, contact_email,
 *  contact_phone}, events: [its first 50 upcoming events, as GET /events/<id>], events_total, passes: [on sale, as
 *  GET /passes' items]}; 404 studio_not_found. No sign-in. */
export function usePublicStudio(slug) {
  const { main } = useApi();
  return useQuery({
    queryKey: [...studioKeys.all, "public", slug],
    queryFn: ({ signal }) => main.get(`/api/public/studios/${encodeURIComponent(slug)}`, { signal }),
    enabled: Boolean(slug),
  });
}

const settingsKeys = (slug) => [...studioKeys.all, slug, "settings"];

/** The current studio as GET /api/studios/<slug> shows it (studio.view): its settings, embed_origins (the sites that
 *  may frame its widget) among them, with my_role and my_permissions. */
export function useStudioSettings() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: settingsKeys(studio?.slug),
    queryFn: ({ signal }) => main.get(base, { signal }),
    enabled: Boolean(studio),
  });
}

/** Settings to change, such as {embed_origins: [...]} (studio.settings) → the studio with them as the API stores
 *  them (origins normalized and folded). 400 naming fields: embed_origins by index, or the whole list. */
export function useChangeStudioSettings() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes) => main.patch(base, changes),
    onSuccess: (changed) => queryClient.setQueryData(settingsKeys(studio?.slug), changed),
  });
}

const paymentKeys = (slug) => [...studioKeys.all, slug, "payments"];

/** The current studio's payment provider (studio.payments): {provider, install_provider, keys_hint, keys_set_at,
 *  webhook_url, choices, key_fields}; never the keys themselves. */
export function useStudioPayments() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: paymentKeys(studio?.slug),
    queryFn: ({ signal }) => main.get(`${base}/payments`, { signal }),
    enabled: Boolean(studio),
  });
}

/** {provider, keys} → the settings as GET shows them: keys checked with the provider, stored sealed. 400 naming keys
 *  or payment_keys_refused. */
export function useChangeStudioPayments() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body) => main.put(`${base}/payments`, body),
    onSuccess: (settings) => queryClient.setQueryData(paymentKeys(studio?.slug), settings),
  });
}

/** Starts an export of the current studio (POST …/exports) → {id, status, rows_total, rows_done, download_url}: the
 *  link is in this answer only. Throws ApiError: 429 too many exports recently. */
export function useStartExport() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({ mutationFn: () => main.post(`${base}/exports`) });
}

/** An export's progress (GET …/exports/<id>), asked again every two seconds while it is being written. */
export function useExportProgress(exportId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useQuery({
    queryKey: ["studio-export", base, exportId],
    queryFn: ({ signal }) => main.get(`${base}/exports/${exportId}`, { signal }),
    enabled: Boolean(exportId),
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? 2000 : false),
  });
}

/** A client file checked, nothing written (POST …/client-imports/dry-run): {csv, source?, mapping?, day_first?} →
 *  the mapping used, the counts, every bad row and a preview. 400 import_file_invalid or import_mapping_invalid. */
export function useCheckClientFile() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({ mutationFn: (body) => main.post(`${base}/client-imports/dry-run`, body) });
}

/** The same file imported (POST …/client-imports) → the job, written in steps on the server. */
export function useStartClientImport() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({ mutationFn: (body) => main.post(`${base}/client-imports`, body) });
}

/** An import's progress (GET …/client-imports/<id>), asked again every two seconds while it is running. */
export function useClientImportProgress(importId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useQuery({
    queryKey: ["client-import", base, importId],
    queryFn: ({ signal }) => main.get(`${base}/client-imports/${importId}`, { signal }),
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? 2000 : false),
  });
}

/** A studio export's ZIP (a File) brought into the current studio, sent as it is (POST …/studio-imports) → the job,
 *  written in steps on the server. 400 import_file_invalid, 409 studio_not_empty or import_running, 413, 429. */
export function useStartStudioImport() {
  const { main } = useApi();
  const { base } = useStudio();
  return useMutation({ mutationFn: (zip) => main.post(`${base}/studio-imports`, zip, { contentType: ZIP_TYPE }) });
}

/** A studio import's progress (GET …/studio-imports/<id>), asked again every second while it is running. */
export function useStudioImportProgress(importId) {
  const { main } = useApi();
  const { base } = useStudio();
  return useQuery({
    queryKey: ["studio-import", base, importId],
    queryFn: ({ signal }) => main.get(`${base}/studio-imports/${importId}`, { signal }),
    enabled: Boolean(importId),
    refetchInterval: (query) => (query.state.data?.status === "running" || !query.state.data ? 1000 : false),
  });
}
