/** The client book in words: a client's name, a timeline entry's kind, consent, and whether a note may still be
 *  changed (the CRM keeps a note as written 24 hours after it was; it decides, this only hides the button). */
import { formatDateTime } from "../../lib/format.js";

export const NOTE_EDIT_HOURS = 24;

/** Tags as the CRM takes them (schemas/clients.py TAG_PATTERN): letters, digits, spaces, '-' or '_', up to 64. */
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/;
export const TAG_HINT = "Letters, digits, spaces, '-' or '_', up to 64 characters.";

/** "Nisha Rao", else their email, else "Client 12" (a guest may have only an email). */
export const clientName = (client) => client?.name || client?.email || `Client ${client?.id}`;

const KINDS = {
  booking_created: "Booked",
  booking_reactivated: "Booking reactivated",
  booking_cancelled: "Booking cancelled",
  checked_in: "Checked in",
  checkin_undone: "Check-in undone",
  no_show: "No-show",
  feedback_received: "Feedback given",
  waitlist_promoted: "Given a seat from the waiting list",
  approval_requested: "Asked to book (approval)",
  booking_approved: "Booking approved",
  booking_declined: "Booking declined",
  approval_expired: "Approval request expired",
  approval_withdrawn: "Approval request withdrawn",
  guest_cancelled: "Guest cancelled",
  payment_succeeded: "Paid",
  instalment_paid: "Instalment paid",
  instalment_due: "Instalment due",
  balance_missed: "Balance missed",
  refund_processed: "Refunded",
  refund_failed: "Refund failed",
  code_redeemed: "Discount code used",
  pass_purchased: "Pass bought",
  pass_renewed: "Pass renewed",
  pass_lapsed: "Pass lapsed",
  credit_spent: "Credit used",
  credit_returned: "Credit returned",
  credit_forfeited: "Credit forfeited",
};

/** A timeline entry's kind in words: "Checked in"; an unknown one as its code made readable ("attendance corrected"). */
export function kindName(type) {
  if (KINDS[type]) return KINDS[type];
  const words = String(type ?? "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Given on Wed, 25 Nov 2026, 10:00 — signed form at the desk", "Withdrawn on …", or "Never asked". */
export function consentText(consent) {
  if (!consent || consent.marketing === null || consent.marketing === undefined) return "Never asked";
  const when = consent.at ? ` on ${formatDateTime(consent.at)}` : "";
  const how = consent.how ? ` — ${consent.how}` : "";
  return `${consent.marketing ? "Given" : "Withdrawn or refused"}${when}${how}`;
}

/** Whether the note is the reader's and was written less than NOTE_EDIT_HOURS ago. */
export function mayEditNote(note, userId, now = Date.now()) {
  if (!note?.author || note.author.id !== userId) return false;
  return now - new Date(note.created_at).getTime() < NOTE_EDIT_HOURS * 3600_000;
}

/** The membership figure in words. */
export const MEMBERSHIP = { active: "Active member", lapsed: "Membership lapsed", ended: "Membership ended", none: "No membership" };

/** A tag typed: trimmed, lower-cased as the CRM keeps it; null when the CRM would refuse it. */
export function cleanTag(text) {
  const tag = String(text ?? "").trim();
  return TAG_PATTERN.test(tag) ? tag.toLowerCase() : null;
}
