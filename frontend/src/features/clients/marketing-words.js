/** A segment's marketing email in words: its limits, the dry run's count, and the main API's refusals as staff read
 *  them (docs/emails.md, Marketing emails). */
export const MAX_SUBJECT = 150;
export const MAX_TEXT = 10_000;

/** 1988 → "1,988". */
export const count = (number) => Number(number ?? 0).toLocaleString("en");

/** 12 → "12 clients", 1 → "1 client". */
export const clients = (number) => `${count(number)} ${number === 1 ? "client" : "clients"}`;

/** The words' problems the main API would refuse them for, by field. */
export function validateEmail({ subject, text }) {
  const errors = {};
  if (!subject.trim()) errors.subject = "Write a subject.";
  else if (/[\r\n]/.test(subject)) errors.subject = "Keep the subject on one line.";
  else if (subject.trim().length > MAX_SUBJECT) errors.subject = `Keep the subject to ${MAX_SUBJECT} characters.`;
  if (!text.trim()) errors.text = "Write the message.";
  else if (text.length > MAX_TEXT) errors.text = `Keep the message to ${count(MAX_TEXT)} characters.`;
  return errors;
}

/** The clients left out, in words: those without consent (the segment's count less the rest, when it is known), and
 *  the consenting ones the main API left out (unsubscribed since, or an address repeated or unusable). */
function leftOutText(preview, segmentCount) {
  const parts = [];
  const without = typeof segmentCount === "number" ? segmentCount - preview.recipients - preview.left_out : 0;
  if (without > 0) parts.push(`${count(without)} without consent or an email`);
  if (preview.left_out > 0) parts.push(`${count(preview.left_out)} unsubscribed or with a repeated address`);
  return parts.length ? ` (left out: ${parts.join(", ")})` : "";
}

/** The dry run's answer in one sentence: "12 clients will get it (left out: 3 without consent or an email); 1,988 of
 *  today's 2,000 left." */
export function previewText(preview, segmentCount) {
  const { recipients, cap } = preview;
  return `${clients(recipients)} will get it${leftOutText(preview, segmentCount)}; ${count(cap.left)} of today's ${count(cap.per_day)} left.`;
}

/** Why the send can't go as previewed: nobody to email, or more than today's cap leaves; null when it can. */
export function previewBlock(preview) {
  if (preview.recipients === 0) return "Nobody in this segment can be emailed: none of its clients gave marketing consent.";
  if (preview.recipients > preview.cap.left) return `That is more than the ${count(preview.cap.left)} emails left today: send it tomorrow, or to a smaller segment.`;
  return null;
}

/** The send button's name: "Send to 12 clients". */
export const sendLabel = (recipients) => `Send to ${clients(recipients)}`;

const MESSAGES = {
  no_recipients: () => "Nobody in this segment can be emailed: none of its clients gave marketing consent. Nothing was sent.",
  already_sent: () => "These words went to this segment a moment ago, so they were not sent again. See Sent emails below.",
  segment_not_found: () => "This segment no longer exists (it may have been deleted): choose another.",
  crm_unavailable: () => "The client book can't be reached right now, so nobody was emailed. Try again in a moment.",
  daily_cap_reached: (details) =>
    typeof details?.per_day === "number"
      ? `This studio sends at most ${count(details.per_day)} marketing emails a day and ${count(details.left)} are left today, fewer than this segment needs. Nothing was sent.`
      : "This studio has reached its marketing emails for today. Nothing was sent.",
};

/** The error to show above the form: a known code's sentence, the CRM out of reach, a role without the right. */
export function marketingError(error) {
  if (!error) return null;
  if (MESSAGES[error.code]) return { message: MESSAGES[error.code](error.details) };
  if (error.status === 503 || error.status === 502 || error.status === 504) return { message: MESSAGES.crm_unavailable() };
  if (error.status === 403) return { message: "Your role at this studio doesn't include emailing its clients." };
  return error;
}
