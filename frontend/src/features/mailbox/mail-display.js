/** An email as the development mailbox shows it: its headers, size and subject in words. */
import { t } from "../../lib/i18n.js";

/** A header's value whatever the case of its name ("List-Unsubscribe", "list-unsubscribe"), or null. */
export function headerValue(headers, name) {
  if (!headers || typeof headers !== "object") return null;
  const wanted = name.toLowerCase();
  const found = Object.keys(headers).find((key) => key.toLowerCase() === wanted);
  return found === undefined ? null : headers[found];
}

/** "512 bytes", "1.5 KB", "2.3 MB". */
export function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return "";
  if (bytes < 1024) return t("mailbox:size.bytes", { count: bytes });
  const kilo = bytes / 1024;
  if (kilo < 1024) return `${kilo.toFixed(kilo < 10 ? 1 : 0)} KB`;
  const mega = kilo / 1024;
  return `${mega.toFixed(mega < 10 ? 1 : 0)} MB`;
}

export const subjectOf = (message) => message?.subject?.trim() || t("mailbox:message.noSubject");

/** The headers shown above a message, in this order; List-Unsubscribe only when the message has one. */
export function shownHeaders(message) {
  const rows = [
    ["From", message.from ?? headerValue(message.headers, "From")],
    ["To", message.to ?? headerValue(message.headers, "To")],
    ["Date", message.date],
    ["Subject", subjectOf(message)],
  ];
  const unsubscribe = headerValue(message.headers, "List-Unsubscribe");
  if (unsubscribe) rows.push(["List-Unsubscribe", unsubscribe]);
  return rows;
}
