/** The development mailbox on the main API: the emails it wrote to its mail folder instead of sending them (the email
 *  channel without MAIL_URL). No sign-in; the API answers 404 in production, where there is no such folder. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../lib/auth.jsx";

export const mailboxKeys = {
  all: ["mailbox"],
  list: ["mailbox", "list"],
  message: (id) => ["mailbox", "message", String(id)],
  texts: ["mailbox", "texts"],
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

/** The mailbox exists only in development: elsewhere the API doesn't know the path. */
export const isNoMailbox = (error) => error?.status === 404;
