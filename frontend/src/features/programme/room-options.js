/** A session's room options as the staff's forms hold them: rows of text (name, price in major units,
 *  capacity), checked here and sent as the API's options ([{id?, name, price, capacity}]). */
import { t } from "../../lib/i18n.js";
import { toMajorUnitsText } from "../../lib/money.js";
import { checkCapacity, checkPrice, priceInMinorUnits } from "./form-rules.js";

let nextKey = 0;

/** A blank row (key: React's; id: the saved option's, none for a new one). */
export const newOptionRow = () => ({ key: `new-${(nextKey += 1)}`, name: "", price: "", capacity: "" });

/** Rows for a saved session's options (each keeps its id, so an edit changes it rather than adding one). */
export const optionRows = (session) =>
  (session?.options ?? []).map((option) => ({
    key: `option-${option.id}`,
    id: option.id,
    name: option.name,
    price: option.price ? toMajorUnitsText(option.price, session.currency) : "",
    capacity: String(option.capacity),
    seatsTaken: option.capacity - option.seats_left,
  }));

/** {`options.<n>.<field>`: problem} for the rows, with the session's currency; {} when all are fine. */
export function optionErrors(rows, currency) {
  const errors = {};
  const names = new Set();
  rows.forEach((row, n) => {
    const name = row.name.trim();
    if (!name) errors[`options.${n}.name`] = t("programme:options.nameMissing");
    else if (names.has(name.toLowerCase())) errors[`options.${n}.name`] = t("programme:options.nameTaken");
    names.add(name.toLowerCase());
    const price = checkPrice(row.price, currency);
    if (price) errors[`options.${n}.price`] = price;
    const capacity = checkCapacity(String(row.capacity).trim(), row.seatsTaken ?? 0);
    if (capacity) errors[`options.${n}.capacity`] = capacity;
  });
  return errors;
}

/** The API's options for the rows. */
export const optionsRequest = (rows, currency) =>
  rows.map((row) => ({
    ...(row.id != null ? { id: row.id } : {}),
    name: row.name.trim(),
    price: priceInMinorUnits(row.price, currency),
    capacity: Number(row.capacity),
  }));
