/** The desk's words: the server's refusals as the person at the desk reads them (others keep the server's message,
 *  already plain words from main_app/error_codes.py), and what each form says when done. */
import { t } from "../../lib/i18n.js";

// Keys in the desk catalogue, translated when shown (a refusal's code is the server's).
const REFUSALS = {
  session_full: "desk:refusals.sessionFull",
  already_booked: "desk:refusals.alreadyBooked",
  payment_needed: "desk:refusals.paymentNeeded",
  session_free: "desk:refusals.sessionFree",
  price_changed: "desk:refusals.priceChanged",
  session_started: "desk:refusals.sessionStarted",
  person_not_found: "desk:refusals.personNotFound",
  pass_not_found: "desk:refusals.passNotFound",
  pass_expired: "desk:refusals.passExpired",
  pass_not_active: "desk:refusals.passNotActive",
  weekly_limit_reached: "desk:refusals.weeklyLimitReached",
  not_enough_seats: "desk:refusals.notEnoughSeats",
  not_a_person: "desk:refusals.notAPerson",
  checkin_not_open: "desk:refusals.checkinNotOpen",
  checkin_closed: "desk:refusals.checkinClosed",
  pass_retired: "desk:refusals.passRetired",
  pass_not_valid_here: "desk:refusals.passNotValidHere",
  no_credits_left: "desk:refusals.noCreditsLeft",
  session_cancelled: "desk:refusals.sessionCancelled",
  too_many_requests: "desk:refusals.tooManyRequests",
  // GST's rule 46(e), as the online checkout asks it: only the client can save their billing details.
  billing_address_required: "desk:refusals.billingAddressRequired",
};

/** An ApiError (or any error) as {message} for ErrorMessage: our words for a known code, else the server's. */
export function deskRefusal(error) {
  if (!error) return null;
  const key = REFUSALS[error.code];
  return { message: key ? t(key) : (error.message ?? String(error)) };
}

/** Says that an account was made for a new client, who claims it with "Forgot your password". */
export const newAccountText = (email) => t("desk:newAccount", { email });

/** "Paid ₹800 by card terminal." (a method the desk doesn't know reads as sent). */
export const paidText = (amount, method) => t("desk:paidBy", { amount, method });

export { METHODS } from "../../lib/payment-methods.js";

// The desk's names of the payment methods, by the method's value.
export const METHOD_LABELS = { cash: "desk:method.cash", card_terminal: "desk:method.cardTerminal", upi: "desk:method.upi" };

/** The client's name and email checked as every desk form checks them (name optional when `nameOptional`). */
export function checkPerson(values, { nameOptional = false } = {}) {
  const errors = {};
  if (!nameOptional && !values.name.trim()) errors.name = t("desk:person.nameMissing");
  if (!values.email.trim()) errors.email = t("desk:person.emailMissing");
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) errors.email = t("desk:person.emailInvalid");
  return errors;
}
