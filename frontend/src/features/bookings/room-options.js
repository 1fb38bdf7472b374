/** A session's room options as the booking dialog offers them: which to start with, what one seat in it costs, how
 *  many places it has left. A session without options has none, and books as before. */
import { t } from "../../lib/i18n.js";
import { formatMoney } from "../../lib/money.js";

/** The session's options ([] when it has none). */
export const optionsOf = (session) => session?.options ?? [];

/** The option to start the dialog with: the first with room, else the first (its waiting list); null without any. */
export function firstOption(session) {
  const options = optionsOf(session);
  return (options.find((option) => option.seats_left > 0) ?? options[0])?.id ?? null;
}

/** The session as a seat in the option prices it: the option's price in place of the session's own (and the option's
 *  id, which picks the option's seat among a payment plan's quotes). */
export const pricedIn = (session, option) => (option && session ? { ...session, price: option.price, option_id: option.id } : session);

/** "3 left" or "Full". */
export const placesLeftText = (option) => (option.seats_left > 0 ? t("bookings:options.left", { count: option.seats_left }) : t("bookings:options.full"));

/** "₹45,000" or "Free": a seat's price in the option. */
export const optionPriceText = (option, currency) => formatMoney(option.price, currency);
