/** The development mailbox on the main API: the emails it wrote to its mail folder instead of sending them (the email
 *  channel without MAIL_URL). No sign-in; the API answers 404 in production, where there is no such folder. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

export const mailboxKeys = {
  all: ["mailbox"],
  list: ["mailbox", "list"],
  message: (id) => ["mailbox", "message", String(id)],
  texts: ["mailbox", "texts"],
  whatsapp: ["mailbox", "whatsapp"],
};

/** {folder, messages: [{id, subject, from, to, date, size}]}, newest first. */
export function useMailbox() {
  const { main } = useApi();
  return useQuery({
    queryKey: mailboxKeys.list,
    queryFn: ({ signal }) => main.get("/dev/mailbox", { signal }),
    staleTime: 0,
  });
}

/** {id, subject, from, to, date, text, html, headers: {name: value}, attachments: [{filename, content_type, size}]}. */
export function useMailboxMessage(id) {
  const { main } = useApi();
  return useQuery({
    queryKey: mailboxKeys.message(id),
    queryFn: ({ signal }) => main.get(`/dev/mailbox/${encodeURIComponent(id)}`, { signal }),
    enabled: Boolean(id),
  });
}

/** {folder, texts: [{id, to, body, sent_at}]}: the texts the main API wrote to its SMS folder, newest first. */
export function useTexts() {
  const { main } = useApi();
  return useQuery({
    queryKey: mailboxKeys.texts,
    queryFn: ({ signal }) => main.get("/dev/texts", { signal }),
    staleTime: 0,
  });
}

/**
 * Replies to a text as its number would ({from, body}: STOP, START), through the code path of Twilio's inbound webhook
 * (POST /dev/texts/reply) → {answer}: the confirmation texted back, or null when nothing changed. The texts are read
 * again afterwards (a START may queue reminders).
 */
export function useReplyToText() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ from, body }) => main.post("/dev/texts/reply", { from, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.texts }),
  });
}

/**
 * {business_number_id, conversations: [{phone_number_id, display_phone_number, wa_id, messages: [{direction, id,
 * timestamp, text, template: {name, language, parameters} | null, statuses, errors}]}]}: the WhatsApp stand-in's
 * conversations, newest first (GET /dev/whatsapp; whatsapp_stand_in_down when none is set or it is not running).
 */
export function useWhatsapp() {
  const { main } = useApi();
  return useQuery({
    queryKey: mailboxKeys.whatsapp,
    queryFn: ({ signal }) => main.get("/dev/whatsapp", { signal }),
    staleTime: 0,
    retry: false,
  });
}

/**
 * Writes to the business number as the person at wa_id would ({waId, text, businessNumberId}): the stand-in sends it to
 * the main API as Meta's signed webhook (POST /dev/whatsapp/<wa_id>/reply) → {id, business_number_id}. The
 * conversations are read again afterwards.
 */
export function useWriteOnWhatsapp() {
  const { main } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ waId, text, businessNumberId }) =>
      main.post(`/dev/whatsapp/${encodeURIComponent(waId)}/reply`, { text, business_number_id: businessNumberId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.whatsapp }),
  });
}

/** The WhatsApp stand-in is not running (or not this run's: --no-whatsapp-stand-in, a number of one's own). */
export const isStandInDown = (error) => error?.code === "whatsapp_stand_in_down";

/** The mailbox exists only in development: elsewhere the API doesn't know the path. */
export const isNoMailbox = (error) => error?.status === 404;
