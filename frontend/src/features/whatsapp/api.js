/**
 * The studio's WhatsApp on the main API: one client's window and answers (clients.whatsapp,
 * /api/studios/<slug>/clients/<user_id>/whatsapp, the client by their main-API user id) and the studio's messages
 * counted by month (money.view, /api/studios/<slug>/whatsapp/usage), and the studio's own WhatsApp Business number
 * (studio.whatsapp, /api/studios/<slug>/whatsapp). Every key holds the studio's slug.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";
import { studioKeys, useStudio } from "../../lib/studio.jsx";

export const MAX_ANSWER = 4096;

export const whatsappKeys = {
  client: (slug, userId) => [...studioKeys.all, slug, "whatsapp", "client", Number(userId)],
  usage: (slug, month) => [...studioKeys.all, slug, "whatsapp", "usage", month],
  number: (slug) => [...studioKeys.all, slug, "whatsapp", "number"],
};

const clientPath = (base, userId) => `${base}/clients/${encodeURIComponent(userId)}/whatsapp`;

/** A client's WhatsApp: {opted_in, stopped, number_hint, window_open, window_closes_at, can_answer}; 404 when the
 *  person is not the studio's client. */
export function useClientWhatsapp(userId) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: whatsappKeys.client(studio?.slug, userId),
    queryFn: ({ signal }) => main.get(clientPath(base, userId), { signal }),
    enabled: Boolean(studio) && userId != null,
  });
}

/** text → 202 {message_id, window_closes_at}; 409 whatsapp_window_closed, whatsapp_stopped or whatsapp_not_connected
 *  (nothing sent). Either way the window is read again; onSent() follows a sent answer (the page's timeline reloads). */
export function useSendWhatsapp(userId, onSent) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text) => main.post(`${clientPath(base, userId)}/messages`, { text }),
    onSuccess: () => onSent?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: whatsappKeys.client(studio?.slug, userId) }),
  });
}

/** The studio's WhatsApp messages of a month (YYYY-MM): {month, categories: {utility, marketing, service}, total},
 *  each {sent, not_billable, billable}. */
export function useWhatsappUsage(month) {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: whatsappKeys.usage(studio?.slug, month),
    queryFn: ({ signal }) => main.get(`${base}/whatsapp/usage`, { params: { month }, signal }),
    enabled: Boolean(studio),
  });
}

/** The studio's own number: {connected, phone_number_id, business_account_id, secrets_hint, secrets_set_at,
 *  install_phone_number_id, sends_through (own, install or null), webhook_url}; never a secret. */
export function useWhatsappNumber() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  return useQuery({
    queryKey: whatsappKeys.number(studio?.slug),
    queryFn: ({ signal }) => main.get(`${base}/whatsapp`, { signal }),
    enabled: Boolean(studio),
  });
}

/** The number's ids and its three secrets → the settings as GET shows them; 400 naming the fields of the wrong
 *  shape, 409 whatsapp_number_taken (another studio's number, or the platform's). */
export function useConnectWhatsapp() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body) => main.put(`${base}/whatsapp`, body),
    onSuccess: (settings) => queryClient.setQueryData(whatsappKeys.number(studio?.slug), settings),
  });
}

/** Disconnects the studio's own number (its secrets deleted) → the settings as GET shows them. */
export function useDisconnectWhatsapp() {
  const { main } = useApi();
  const { studio, base } = useStudio();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => main.delete(`${base}/whatsapp`),
    onSuccess: (settings) => queryClient.setQueryData(whatsappKeys.number(studio?.slug), settings),
  });
}
