/** An event's payment plan in words for its public page: the deposit, the balance's instalments and their last date,
 *  and whether the deposit comes back. */
import { formatMoney } from "../../lib/money.js";

/** "20 % deposit (₹9,000 a seat) when booking, the balance in 3 monthly instalments, the last 30 days before the
 *  start. The deposit is not refundable." (null without a plan). */
export function planTermsText(plan, currency) {
  if (!plan) return null;
  const quote = (plan.sessions ?? []).find((seat) => !seat.pays_in_full);
  const seat = quote?.deposit ? ` (${quote.deposit.formatted} a seat)` : "";
  const deposit = "percent" in plan.deposit ? `${plan.deposit.percent} % deposit${seat}` : `${formatMoney(plan.deposit.amount, currency)} deposit a seat`;
  const count = plan.instalments === 1 ? "in one payment" : `in ${plan.instalments} monthly instalments`;
  const last = plan.instalments === 1 ? "due" : "the last";
  const days = plan.balance_due_days === 1 ? "1 day" : `${plan.balance_due_days} days`;
  const refund = plan.deposit_refundable ? "The deposit is refunded if you cancel in time." : "The deposit is not refundable.";
  return `${deposit} when booking, the balance ${count}, ${last} ${days} before the start. ${refund} Booking later than that pays the full price.`;
}
