/** The desk's words: the server's refusals as the person at the desk reads them (others keep the server's message,
 *  already plain words from main_app/error_codes.py), and what each form says when done. */

const REFUSALS = {
  session_full: "The class is full: there's no seat left.",
  already_booked: "This person already has a booking in this class: check them in on the check-in page.",
  payment_needed: "This class is paid: take the payment first, then say how they paid.",
  session_free: "This class is free: book them without a payment.",
  price_changed: "The class's price has just changed: close the form, open it again and check the price.",
  session_started: "This class has started: add them as a walk-in instead.",
  person_not_found: "That person isn't one of the studio's clients: book them by email.",
  pass_not_found: "No pass has that number: check it on their My passes page.",
  pass_expired: "Their pass ends before this class: sell them a new pass or take payment at the door.",
  pass_not_active: "Their pass isn't good to book with (not paid, lapsed or refunded).",
  weekly_limit_reached: "Their membership's classes for that week are used up: take payment at the door instead.",
  not_enough_seats: "There aren't enough seats left in this class.",
  not_a_person: "That email belongs to a staff account: use the client's own email.",
  checkin_not_open: "Check-in isn't open yet for this class, so walk-ins can't be added. Book them instead.",
  checkin_closed: "Check-in has closed: the class is over.",
  pass_retired: "This pass is no longer sold: pick another one.",
  pass_not_valid_here: "Their pass doesn't cover this class: take payment at the door instead.",
  no_credits_left: "Their pass has no credits left: sell them a new pass or take payment at the door.",
  session_cancelled: "This class has been cancelled.",
  too_many_requests: "Too many tries in a short time: wait a moment and try again.",
  // GST's rule 46(e), as the online checkout asks it: only the client can save their billing details.
  billing_address_required:
    "This comes to ₹50,000 or more before tax, so its GST invoice needs the client's address and state. Ask them to add their street address, city and state under Billing details on their account page (Your account), then try again.",
};

/** An ApiError (or any error) as {message} for ErrorMessage: our words for a known code, else the server's. */
export function deskRefusal(error) {
  if (!error) return null;
  return { message: REFUSALS[error.code] ?? error.message ?? String(error) };
}

/** Says that an account was made for a new client, who claims it with "Forgot your password". */
export const newAccountText = (email) => `A new account was made for ${email}; they can set its password with "Forgot your password".`;

export { METHODS, methodInSentence, methodName } from "../../lib/payment-methods.js";

/** The client's name and email checked as every desk form checks them (name optional when `nameOptional`). */
export function checkPerson(values, { nameOptional = false } = {}) {
  const errors = {};
  if (!nameOptional && !values.name.trim()) errors.name = "Give their name.";
  if (!values.email.trim()) errors.email = "Give their email: their confirmation goes there.";
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) errors.email = "This doesn't look like an email address.";
  return errors;
}
