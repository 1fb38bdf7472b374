/** An owned pass's state in words (its pill, until when it is good), what coming back from a pass's checkout says,
 *  and why buying one was refused. */
import { formatDate } from "../../lib/format.js";

const PILLS = {
  pending_payment: ["Awaiting payment", "warn"],
  failed: ["Payment failed", "cancelled"],
  lapsed: ["Lapsed", "cancelled"],
  refunded: ["Refunded", "cancelled"],
};

/** [label, tone] of an owned pass: an active one that can be booked with is "Active"; one that can't any more says
 *  why (its credits used up, its dates over). */
export function passPill(pass, now = Date.now()) {
  if (pass.status !== "active") return PILLS[pass.status] ?? [pass.status, ""];
  if (pass.valid) return ["Active", "active"];
  if (pass.kind === "pack" && pass.credits_left === 0) return ["Used up", "cancelled"];
  if (pass.valid_until && new Date(pass.valid_until).getTime() <= now) return ["Expired", "cancelled"];
  return ["Not usable now", "warn"];
}

/** "Valid until Tue, 5 Jan 2027" (or "Renews on …" for a membership that renews), on the viewer's calendar; null
 *  without an end date (a pass not paid for yet). */
export function passDatesText(pass) {
  if (!pass.valid_until) return null;
  return `${pass.renews ? "Renews on" : "Valid until"} ${formatDate(pass.valid_until)}`;
}

/** What My passes says on coming back from a pass's checkout (?result=), or null. The payment is applied before the
 *  provider sends the person back, so a success means the pass is good. */
export function returnMessage(result) {
  if (result === "success") return { ok: "Payment received: your pass is ready." };
  if (result === "cancel") return { note: "Payment not completed; nothing was charged." };
  return null;
}

/** Buying a pass, refused. */
export const BUY_ERROR_TEXT = {
  pass_not_found: "This pass is no longer on sale.",
  pass_retired: "This pass is no longer on sale.",
  new_customers_only: "This offer is for people new to this teacher's classes, and you've been before.",
  payment_provider_unavailable: "Payments can't be taken right now; nothing was charged. Try again in a few minutes.",
};

export function buyErrorText(error) {
  return BUY_ERROR_TEXT[error?.code] ?? error?.message ?? "Something went wrong. Try again.";
}
