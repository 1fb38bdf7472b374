/** A booking's payment plan as My bookings shows it: each part's line (deposit or instalment, amount, due date,
 *  status) and what is paid and still to pay; the API gives amounts already formatted. */
import { formatDate } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

/** Each part's status: [catalogue key of its label, tone]. */
const STATUS = {
  paid: ["bookings:plan.paid", "ok"],
  due: ["bookings:plan.due", "info"],
  overdue: ["bookings:plan.overdue", "warn"],
  cancelled: ["bookings:plan.cancelled", "muted"],
  refunded: ["bookings:plan.refunded", "muted"],
};

/** [{number, label, amount, due, status, tone, payable}] of a plan ({schedule, next_due}); payable: the one to pay next. */
export function planRows(plan, timeZone) {
  return (plan?.schedule ?? []).map((part) => {
    const [key, tone] = STATUS[part.status] ?? [null, "muted"];
    const status = key ? t(key) : part.status;
    return {
      number: part.number,
      label: part.deposit ? t("bookings:plan.deposit") : t("bookings:plan.instalment", { number: part.number }),
      amount: part.formatted,
      due: formatDate(part.due_at, { timeZone }),
      status,
      tone,
      payable: part.number === plan.next_due && (part.status === "due" || part.status === "overdue"),
    };
  });
}

/** "₹9,000 paid · ₹36,000 to pay" (or "… · all paid"). */
export function planSummary(plan) {
  if (!plan) return "";
  if (plan.outstanding > 0) return t("bookings:plan.summary", { paid: plan.paid_formatted, rest: plan.outstanding_formatted });
  return t("bookings:plan.summaryAllPaid", { paid: plan.paid_formatted });
}

/** "paid" | "waiting" | "ended": where one instalment's payment stands on the return page (the booking already
 *  holds its seat: only that part's status changes when the payment arrives). */
export function instalmentOutcome(booking, number) {
  const part = booking?.payment_plan?.schedule?.find((each) => String(each.number) === String(number));
  if (part?.status === "paid") return "paid";
  return booking?.status === "active" && part ? "waiting" : "ended";
}
