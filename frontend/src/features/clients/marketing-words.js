/** A segment's marketing email in words: its limits, the dry run's count, and the main API's refusals as staff read
 *  them (docs/emails.md, Marketing emails). */
import { localeTag, t } from "../../lib/i18n.js";

export const MAX_SUBJECT = 150;
export const MAX_TEXT = 10_000;

/** 1988 → "1,988" (as the reader's language writes numbers). */
export const count = (number) => Number(number ?? 0).toLocaleString(localeTag());

/** 12 → "Sent to 12 clients." */
export const sentText = (recipients) => t("clients:marketing.sentTo", { count: recipients });

/** The words' problems the main API would refuse them for, by field. */
export function validateEmail({ subject, text }) {
  const errors = {};
  if (!subject.trim()) errors.subject = t("clients:marketing.subjectMissing");
  else if (/[\r\n]/.test(subject)) errors.subject = t("clients:marketing.subjectOneLine");
  else if (subject.trim().length > MAX_SUBJECT) errors.subject = t("clients:marketing.subjectTooLong", { max: MAX_SUBJECT });
  if (!text.trim()) errors.text = t("clients:marketing.textMissing");
  else if (text.length > MAX_TEXT) errors.text = t("clients:marketing.textTooLong", { max: MAX_TEXT });
  return errors;
}

/** The clients left out, in words: those without consent (the segment's count less the rest, when it is known), and
 *  the consenting ones the main API left out (unsubscribed since, or an address repeated or unusable). */
function leftOutText(preview, segmentCount) {
  const parts = [];
  const without = typeof segmentCount === "number" ? segmentCount - preview.recipients - preview.left_out : 0;
  if (without > 0) parts.push(t("clients:marketing.withoutConsent", { count: without }));
  if (preview.left_out > 0) parts.push(t("clients:marketing.unsubscribedOrRepeated", { count: preview.left_out }));
  return parts.join(", ");
}

/** The dry run's answer in one sentence: "12 clients will get it (left out: 3 without consent or an email); 1,988 of
 *  today's 2,000 left." */
export function previewText(preview, segmentCount) {
  const { recipients, cap } = preview;
  const leftOut = leftOutText(preview, segmentCount);
  const values = { recipients, left: cap.left, perDay: cap.per_day };
  return leftOut ? t("clients:marketing.previewLeftOut", { ...values, leftOut }) : t("clients:marketing.preview", values);
}

/** Why the send can't go as previewed: nobody to email, or more than today's cap leaves; null when it can. */
export function previewBlock(preview) {
  if (preview.recipients === 0) return t("clients:marketing.nobody");
  if (preview.recipients > preview.cap.left) return t("clients:marketing.overCap", { left: preview.cap.left });
  return null;
}

/** The send button's name: "Send to 12 clients". */
export const sendLabel = (recipients) => t("clients:marketing.sendTo", { count: recipients });

const MESSAGES = {
  no_recipients: () => t("clients:marketing.noRecipients"),
  already_sent: () => t("clients:marketing.alreadySent"),
  segment_not_found: () => t("clients:marketing.segmentNotFound"),
  crm_unavailable: () => t("clients:marketing.crmUnavailable"),
  daily_cap_reached: (details) =>
    typeof details?.per_day === "number"
      ? t("clients:marketing.dailyCap", { perDay: details.per_day, left: details.left })
      : t("clients:marketing.dailyCapReached"),
};

/** The error to show above the form: a known code's sentence, the CRM out of reach, a role without the right. */
export function marketingError(error) {
  if (!error) return null;
  if (MESSAGES[error.code]) return { message: MESSAGES[error.code](error.details) };
  if (error.status === 503 || error.status === 502 || error.status === 504) return { message: MESSAGES.crm_unavailable() };
  if (error.status === 403) return { message: t("clients:marketing.forbidden") };
  return error;
}
