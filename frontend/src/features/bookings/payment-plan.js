/** A booking's payment plan as My bookings shows it: each part's line (deposit or instalment, amount, due date,
 *  status) and what is paid and still to pay; the API gives amounts already formatted. */
import { formatDate } from "../../lib/format.js";

const STATUS = {
  paid: ["Paid", "ok"],
  due: ["Due", "info"],
  overdue: ["Overdue", "warn"],
  cancelled: ["Cancelled", "muted"],
  refunded: ["Refunded", "muted"],
};

/** [{number, label, amount, due, status, tone, payable}] of a plan ({schedule, next_due}); payable: the one to pay next. */
export function planRows(plan, timeZone) {
  return (plan?.schedule ?? []).map((part) => {
    const [status, tone] = STATUS[part.status] ?? [part.status, "muted"];
    return {
      number: part.number,
      label: part.deposit ? "Deposit" : `Instalment ${part.number}`,
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
  const rest = plan.outstanding > 0 ? `${plan.outstanding_formatted} to pay` : "all paid";
  return `${plan.paid_formatted} paid · ${rest}`;
}

/** "paid" | "waiting" | "ended": where one instalment's payment stands on the return page (the booking already
 *  holds its seat: only that part's status changes when the payment arrives). */
export function instalmentOutcome(booking, number) {
  const part = booking?.payment_plan?.schedule?.find((each) => String(each.number) === String(number));
  if (part?.status === "paid") return "paid";
  return booking?.status === "active" && part ? "waiting" : "ended";
}
