/** The payment-plan form of an event: its values from a saved plan, checked, and the plan the API takes. */
import { t } from "../../lib/i18n.js";
import { parseMajorUnits, toMajorUnitsText } from "../../lib/money.js";

/** The form's texts for a saved plan (or the defaults: 20 % deposit, balance 30 days before, 3 instalments). */
export function planValues(plan, currency) {
  const deposit = plan?.deposit ?? { percent: 20 };
  return {
    depositKind: "amount" in deposit ? "amount" : "percent",
    deposit: "amount" in deposit ? toMajorUnitsText(deposit.amount, currency) : String(deposit.percent),
    refundable: Boolean(plan?.deposit_refundable),
    dueDays: String(plan?.balance_due_days ?? 30),
    instalments: String(plan?.instalments ?? 3),
  };
}

const whole = (text, min, max) => /^\d+$/.test(String(text).trim()) && Number(text) >= min && Number(text) <= max;

/** {field: message} for what is wrong; empty when the plan can be sent. */
export function checkPlan(values, currency) {
  const errors = {};
  if (values.depositKind === "percent" && !whole(values.deposit, 1, 99)) errors.deposit = t("programme:planForm.percent");
  if (values.depositKind === "amount" && !(parseMajorUnits(values.deposit, currency).amount > 0)) errors.deposit = t("programme:planForm.amount");
  if (!whole(values.dueDays, 0, 365)) errors.dueDays = t("programme:planForm.dueDays");
  if (!whole(values.instalments, 1, 6)) errors.instalments = t("programme:planForm.instalments");
  return errors;
}

/** The plan as PATCH /events/<id> takes it. */
export function planBody(values, currency) {
  const deposit = values.depositKind === "percent" ? { percent: Number(values.deposit) } : { amount: parseMajorUnits(values.deposit, currency).amount };
  return { deposit, deposit_refundable: values.refundable, balance_due_days: Number(values.dueDays), instalments: Number(values.instalments) };
}
