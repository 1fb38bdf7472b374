/** The client book in words: a client's name, a timeline entry's kind, consent, and whether a note may still be
 *  changed (the CRM keeps a note as written 24 hours after it was; it decides, this only hides the button). */
import { formatDateTime } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

export const NOTE_EDIT_HOURS = 24;

/** Tags as the CRM takes them (schemas/clients.py TAG_PATTERN): letters, digits, spaces, '-' or '_', up to 64. */
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/;
/** What a tag may hold, in words. */
export const tagHint = () => t("clients:tagHint");

/** "Nisha Rao", else their email, else "Client 12" (a guest may have only an email). */
export const clientName = (client) => client?.name || client?.email || t("clients:clientNumber", { id: String(client?.id) });

// Keys in the clients catalogue, translated where shown.
const KINDS = {
  booking_created: "clients:kinds.bookingCreated",
  booking_reactivated: "clients:kinds.bookingReactivated",
  booking_cancelled: "clients:kinds.bookingCancelled",
  checked_in: "clients:kinds.checkedIn",
  checkin_undone: "clients:kinds.checkinUndone",
  no_show: "clients:kinds.noShow",
  feedback_received: "clients:kinds.feedbackReceived",
  waitlist_promoted: "clients:kinds.waitlistPromoted",
  approval_requested: "clients:kinds.approvalRequested",
  booking_approved: "clients:kinds.bookingApproved",
  booking_declined: "clients:kinds.bookingDeclined",
  approval_expired: "clients:kinds.approvalExpired",
  approval_withdrawn: "clients:kinds.approvalWithdrawn",
  guest_cancelled: "clients:kinds.guestCancelled",
  payment_succeeded: "clients:kinds.paymentSucceeded",
  instalment_paid: "clients:kinds.instalmentPaid",
  instalment_due: "clients:kinds.instalmentDue",
  balance_missed: "clients:kinds.balanceMissed",
  refund_processed: "clients:kinds.refundProcessed",
  refund_failed: "clients:kinds.refundFailed",
  code_redeemed: "clients:kinds.codeRedeemed",
  pass_purchased: "clients:kinds.passPurchased",
  pass_renewed: "clients:kinds.passRenewed",
  pass_lapsed: "clients:kinds.passLapsed",
  credit_spent: "clients:kinds.creditSpent",
  credit_returned: "clients:kinds.creditReturned",
  credit_forfeited: "clients:kinds.creditForfeited",
  whatsapp_received: "clients:kinds.whatsappReceived",
  whatsapp_answered: "clients:kinds.whatsappAnswered",
};

/** A timeline entry's kind in words: "Checked in"; an unknown one as its code made readable ("attendance corrected"). */
export function kindName(type) {
  if (KINDS[type]) return t(KINDS[type]);
  const words = String(type ?? "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Given on Wed, 25 Nov 2026, 10:00 — signed form at the desk", "Withdrawn on …", or "Never asked". */
export function consentText(consent) {
  if (!consent || consent.marketing === null || consent.marketing === undefined) return t("clients:consent.neverAsked");
  let text;
  if (consent.at) text = t(consent.marketing ? "clients:consent.givenOn" : "clients:consent.withdrawnOn", { when: formatDateTime(consent.at) });
  else text = t(consent.marketing ? "clients:consent.given" : "clients:consent.withdrawn");
  return consent.how ? t("clients:consent.withHow", { text, how: consent.how }) : text;
}

/** Whether the note is the reader's and was written less than NOTE_EDIT_HOURS ago. */
export function mayEditNote(note, userId, now = Date.now()) {
  if (!note?.author || note.author.id !== userId) return false;
  return now - new Date(note.created_at).getTime() < NOTE_EDIT_HOURS * 3600_000;
}

const MEMBERSHIP = { active: "clients:membership.active", lapsed: "clients:membership.lapsed", ended: "clients:membership.ended", none: "clients:membership.none" };

/** The membership figure in words (one the app doesn't know, as the CRM sent it; none: "No membership"). */
export const membershipText = (membership) => (MEMBERSHIP[membership ?? "none"] ? t(MEMBERSHIP[membership ?? "none"]) : membership);

/** A tag typed: trimmed, lower-cased as the CRM keeps it; null when the CRM would refuse it. */
export function cleanTag(text) {
  const tag = String(text ?? "").trim();
  return TAG_PATTERN.test(tag) ? tag.toLowerCase() : null;
}
