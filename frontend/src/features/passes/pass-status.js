/** An owned pass's state in words (its pill, until when it is good), what coming back from a pass's checkout says,
 *  and why buying one was refused. */
import { formatDate } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

const PILLS = {
  pending_payment: ["passes:pill.awaitingPayment", "warn"],
  failed: ["passes:pill.paymentFailed", "cancelled"],
  lapsed: ["passes:pill.lapsed", "cancelled"],
  refunded: ["passes:pill.refunded", "cancelled"],
};

/** [label, tone] of an owned pass: an active one that can be booked with is "Active"; one that can't any more says
 *  why (its credits used up, its dates over). */
export function passPill(pass, now = Date.now()) {
  if (pass.status !== "active") {
    const [key, tone] = PILLS[pass.status] ?? [null, ""];
    return [key ? t(key) : pass.status, tone];
  }
  if (pass.valid) return [t("passes:pill.active"), "active"];
  if (pass.kind === "pack" && pass.credits_left === 0) return [t("passes:pill.usedUp"), "cancelled"];
  if (pass.valid_until && new Date(pass.valid_until).getTime() <= now) return [t("passes:pill.expired"), "cancelled"];
  return [t("passes:pill.notUsable"), "warn"];
}

/** "Valid until Tue, 5 Jan 2027" (or "Renews on …" for a membership that renews), on the viewer's calendar; null
 *  without an end date (a pass not paid for yet). */
export function passDatesText(pass) {
  if (!pass.valid_until) return null;
  const date = formatDate(pass.valid_until);
  return pass.renews ? t("passes:dates.renewsOn", { date }) : t("passes:dates.validUntil", { date });
}

/** What My passes says on coming back from a pass's checkout (?result=), or null. The payment is applied before the
 *  provider sends the person back, so a success means the pass is good. */
export function returnMessage(result) {
  if (result === "success") return { ok: t("passes:checkout.paid") };
  if (result === "cancel") return { note: t("passes:checkout.notPaid") };
  return null;
}

/** Buying a pass, refused: the keys of our words by the refusal's code. */
const BUY_ERRORS = {
  pass_not_found: "passes:buyError.notOnSale",
  pass_retired: "passes:buyError.notOnSale",
  new_customers_only: "passes:buyError.newCustomersOnly",
  payment_provider_unavailable: "passes:buyError.paymentsDown",
};

export function buyErrorText(error) {
  const key = BUY_ERRORS[error?.code];
  if (key) return t(key);
  return error?.message ?? t("passes:buyError.other");
}
