/** A discount code as the staff's form holds it, checked as the API checks it before it is sent, and the request
 *  it becomes. Its dates are typed on the staff member's own clock. */
import { fromZonedInput, toZonedInput } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { formatAmount, fractionDigits, parseMajorUnits } from "../../lib/money.js";
import { DEFAULT_CURRENCY, MAX_PRICE } from "./form-rules.js";

export const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_USES = 1_000_000;
export const MAX_USES_PER_PERSON = 1000;

/** The form's fields that the API's 400 can name (kind, percent or amount, is the form's own). */
export const CODE_FIELDS = ["code", "percent_off", "amount_off", "currency", "max_uses", "max_uses_per_person", "valid_from", "valid_until", "applies_to", "event_ids"];

export const emptyCode = () => ({
  code: "",
  kind: "percent",
  percent_off: "",
  amount_off: "",
  currency: DEFAULT_CURRENCY,
  max_uses: "",
  max_uses_per_person: "",
  valid_from: "",
  valid_until: "",
  applies_to: "both",
  event_ids: [],
});

const wholeIn = (text, min, max) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

function checkCode(text) {
  const code = text.trim();
  if (!code) return t("programme:codeForm.codeMissing");
  if (!CODE_PATTERN.test(code)) return t("programme:codeForm.codeCharacters");
  if (code.length < 3 || code.length > 40) return t("programme:codeForm.codeLength");
  return null;
}

function checkAmount(text, currency) {
  const { amount, error } = parseMajorUnits(text, currency);
  const digits = fractionDigits(currency);
  if (error === "decimals") return digits === 0 ? t("programme:rules.noDecimals", { currency }) : t("programme:rules.decimals", { currency, digits });
  if (error || !amount) return t("programme:codeForm.amountMissing");
  if (amount > MAX_PRICE) return t("programme:codeForm.amountMax", { max: formatAmount(MAX_PRICE, currency) });
  return null;
}

/** {field: message} for what is wrong, as the API would say it. */
export function codeErrors(values) {
  const errors = {};
  const code = checkCode(values.code);
  if (code) errors.code = code;
  if (values.kind === "percent") {
    if (!wholeIn(values.percent_off.trim(), 1, 100)) errors.percent_off = t("programme:codeForm.percent");
  } else {
    const amount = checkAmount(values.amount_off, values.currency);
    if (amount) errors.amount_off = amount;
  }
  const uses = values.max_uses.trim();
  if (uses && !wholeIn(uses, 1, MAX_USES)) errors.max_uses = t("programme:codeForm.limit", { max: MAX_USES.toLocaleString("en") });
  const each = values.max_uses_per_person.trim();
  if (each && !wholeIn(each, 1, MAX_USES_PER_PERSON)) errors.max_uses_per_person = t("programme:codeForm.limit", { max: MAX_USES_PER_PERSON.toLocaleString("en") });
  const from = fromZonedInput(values.valid_from);
  const until = fromZonedInput(values.valid_until);
  if (values.valid_from && !from) errors.valid_from = t("programme:codeForm.dateTime");
  if (values.valid_until && !until) errors.valid_until = t("programme:codeForm.dateTime");
  if (from && until && new Date(until) <= new Date(from)) errors.valid_until = t("programme:codeForm.endBeforeStart");
  return errors;
}

/** The POST body: the discount of its kind, blanks as no limit, the events only when bookings can use it. */
export function codeRequest(values) {
  const whole = (text) => (text.trim() ? Number(text.trim()) : null);
  const discount =
    values.kind === "percent" ? { percent_off: Number(values.percent_off.trim()) } : { amount_off: parseMajorUnits(values.amount_off, values.currency).amount, currency: values.currency };
  return {
    code: values.code.trim(),
    ...discount,
    max_uses: whole(values.max_uses),
    max_uses_per_person: whole(values.max_uses_per_person),
    valid_from: fromZonedInput(values.valid_from),
    valid_until: fromZonedInput(values.valid_until),
    applies_to: values.applies_to,
    event_ids: values.applies_to !== "passes" && values.event_ids.length ? values.event_ids : null,
  };
}

/** Where a field the API names shows on the form: its check of "one discount" names percent_off, whichever is shown. */
export const codeFieldOf = (values) => (path) => {
  if (path === "percent_off" || path === "amount_off") return values.kind === "percent" ? "percent_off" : "amount_off";
  return CODE_FIELDS.includes(path) && path;
};

/** What a studio changes on a live code, as its edit form starts: max uses, valid until (on the viewer's clock), active. */
export const codeChanges = (code) => ({
  max_uses: code.max_uses == null ? "" : String(code.max_uses),
  valid_until: toZonedInput(code.valid_until),
  active: code.status === "active",
});

/** {field: message} of an edit, as the API checks it (max uses never below the uses so far). */
export function codeChangeErrors(values, code) {
  const errors = {};
  const uses = values.max_uses.trim();
  if (uses && !wholeIn(uses, 1, MAX_USES)) errors.max_uses = t("programme:codeForm.limit", { max: MAX_USES.toLocaleString("en") });
  else if (uses && Number(uses) < code.uses) errors.max_uses = t("programme:codeForm.belowUses", { uses: code.uses });
  const until = fromZonedInput(values.valid_until);
  if (values.valid_until && !until) errors.valid_until = t("programme:codeForm.dateTime");
  else if (until && code.valid_from && new Date(until) <= new Date(code.valid_from)) errors.valid_until = t("programme:codeForm.endBeforeStart");
  return errors;
}

/** The PATCH body: only what changed ({} when nothing did). */
export function codeChangeRequest(values, code) {
  const before = codeChanges(code);
  const body = {};
  if (values.max_uses.trim() !== before.max_uses) body.max_uses = values.max_uses.trim() ? Number(values.max_uses.trim()) : null;
  if (values.valid_until !== before.valid_until) body.valid_until = fromZonedInput(values.valid_until);
  if (values.active !== before.active) body.active = values.active;
  return body;
}
