/** The development mailbox on the main API: the emails it wrote to its mail folder instead of sending them (the email
 *  channel without MAIL_URL). No sign-in; the API answers 404 in production, where there is no such folder. */
import { useQuery } from "@tanstack/react-query";
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

/** The mailbox exists only in development: elsewhere the API doesn't know the path. */
export const isNoMailbox = (error) => error?.status === 404;
