/** The booking dialog's words that depend on how the seats are paid for: its title, its confirm button, and what
 *  paying costs. */
import { formatAmount, withTax } from "../../lib/money.js";

/** "Pay ₹800 on the next page", or for several seats the total; with a code, what is left to pay; either with the
 *  tax its studio adds (taxAdded). */
export function payLabel(t, session, seats, quote, taxAdded) {
  if (quote?.amount_due === 0) return t("bookings:book.freeWithCode");
  const due = quote ? (quote.total_due ?? quote.amount_due) : withTax(session.price * seats, taxAdded);
  return t("bookings:book.payOnNextPage", { amount: formatAmount(due, session.currency) });
}

/** The booking dialog's [title, confirm label]: paying, with a pass, a full option's waiting list, or a request. */
export function bookWording(t, { terms, optionFull, option, chosenPass, quote, asksApproval }) {
  if (asksApproval && !optionFull) return [t("bookings:book.requestTitle"), t("bookings:book.sendRequest")];
  if (optionFull) return [t("bookings:book.joinOptionTitle", { option: option.name }), t("bookings:book.joinOption", { option: option.name })];
  if (chosenPass) return [t("bookings:book.withPassTitle"), t("bookings:book.withPass")];
  if (terms && quote?.amount_due !== 0) return [t("bookings:book.payTitle"), t("bookings:book.continueToPayment")];
  return [t("bookings:book.title"), t("bookings:book.confirm")];
}

