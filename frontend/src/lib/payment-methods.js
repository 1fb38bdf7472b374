/** How money taken in person was paid (a desk payment's `method`), as the desk offers it and reports name it. */

export const METHODS = [
  { value: "cash", label: "Cash" },
  { value: "card_terminal", label: "Card terminal" },
  { value: "upi", label: "UPI" },
];

/** "Cash", "Card terminal", "UPI" (an unknown method as sent). */
export const methodName = (value) => METHODS.find((one) => one.value === value)?.label ?? value;

/** The method inside a sentence ("Paid ₹800 by card terminal", "by UPI"): an acronym keeps its capitals. */
export function methodInSentence(value) {
  const name = methodName(value) ?? "";
  return name === name.toUpperCase() ? name : name.toLowerCase();
}
