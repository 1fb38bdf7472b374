/** How money taken in person was paid (a desk payment's `method`), as the desk offers it and reports name it. */

import { t } from "./i18n.js";

const NAMES = { cash: "common:paymentMethod.cash", card_terminal: "common:paymentMethod.cardTerminal", upi: "common:paymentMethod.upi" };

/** {value, label}: the label reads in the app's language whenever it is read. */
export const METHODS = Object.keys(NAMES).map((value) => ({
  value,
  get label() {
    return t(NAMES[value]);
  },
}));

/** "Cash", "Card terminal", "UPI" in the app's language (an unknown method as sent). */
export const methodName = (value) => (NAMES[value] ? t(NAMES[value]) : value);

/** The method inside a sentence ("Paid ₹800 by card terminal", "by UPI"): an acronym keeps its capitals. */
export function methodInSentence(value) {
  const name = methodName(value) ?? "";
  return name === name.toUpperCase() ? name : name.toLowerCase();
}
