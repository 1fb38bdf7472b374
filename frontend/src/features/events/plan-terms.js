/** An event's payment plan in words for its public page: the deposit, the balance's instalments and their last date,
 *  and whether the deposit comes back. */
import { t } from "../../lib/i18n.js";
import { formatMoney } from "../../lib/money.js";

/** The deposit as the terms name it: "20 % deposit (₹9,000 a seat)", "20 % deposit", "₹5,000 deposit a seat". */
function depositText(plan, currency) {
  const quote = (plan.sessions ?? []).find((seat) => !seat.pays_in_full);
  if (!("percent" in plan.deposit)) return t("events:plan.depositAmount", { amount: formatMoney(plan.deposit.amount, currency) });
  const { percent } = plan.deposit;
  return quote?.deposit ? t("events:plan.depositPercentSeat", { percent, amount: quote.deposit.formatted }) : t("events:plan.depositPercent", { percent });
}

/** "20 % deposit (₹9,000 a seat) when booking, the balance in 3 monthly instalments, the last 30 days before the
 *  start. The deposit is not refundable." (null without a plan). */
export function planTermsText(plan, currency) {
  if (!plan) return null;
  const terms = t("events:plan.terms", { deposit: depositText(plan, currency), instalments: plan.instalments, days: plan.balance_due_days });
  const refund = plan.deposit_refundable ? t("events:plan.refundable") : t("events:plan.notRefundable");
  return [terms, refund, t("events:plan.later")].join(" ");
}
