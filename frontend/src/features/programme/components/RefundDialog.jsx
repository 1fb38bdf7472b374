/** Refund one booking's payment, all of it or part: an amount (blank: all that is left), a reason the person sees,
 *  and, for a booking still on, whether to cancel it and give its seats back. Shown to roles with refunds.make. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { formatAmount, parseMajorUnits, toMajorUnitsText } from "../../../lib/money.js";
import { useRefundPayment } from "../refunds-api.js";

/** registrant: the booking's line (refund_payment_id, amount_paid, currency, status, name); onDone(refund). */
export function RefundDialog({ registrant, onDone, onCancel }) {
  const { t } = useTranslation("programme");
  const id = useId();
  const refund = useRefundPayment();
  const { currency } = registrant;
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [cancelBooking, setCancelBooking] = useState(false);
  const [errors, setErrors] = useState({});
  const left = registrant.amount_paid;

  const submit = () => {
    const parsed = parseMajorUnits(amount, currency);
    const found = {};
    if (parsed.error) found.amount = t("refund.amountInvalid");
    else if (parsed.amount > left) found.amount = t("refund.amountMax", { amount: formatAmount(left, currency) });
    if (!reason.trim()) found.reason = t("refund.reasonMissing");
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { paymentId: registrant.refund_payment_id, reason: reason.trim(), cancel_booking: cancelBooking };
    if (parsed.amount > 0) body.amount = parsed.amount;
    refund.mutate(body, { onSuccess: onDone });
  };

  return (
    <ConfirmDialog title={t("refund.title", { name: registrant.name })} confirmLabel={registrant.paid_in_person ? t("refund.record") : t("refund.confirm")} cancelLabel={t("refund.keep")} busy={refund.isPending} onConfirm={submit} onCancel={onCancel}>
      <p>
        {registrant.paid_in_person
          ? t("refund.leftInPerson", { amount: formatAmount(left, currency) })
          : t("refund.leftOnline", { amount: formatAmount(left, currency) })}
      </p>
      <ErrorMessage error={refund.error} title={t("refund.failed")} />
      <InputField id={`${id}-amount`} label={t("refund.amount", { currency })} hint={t("refund.amountHint", { amount: toMajorUnitsText(left, currency) })} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} error={errors.amount} />
      <InputField id={`${id}-reason`} label={t("refund.reason")} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} error={errors.reason} />
      {registrant.status === "active" && (
        <div className="check-field">
          <input type="checkbox" id={`${id}-cancel`} checked={cancelBooking} onChange={(event) => setCancelBooking(event.target.checked)} />
          <label htmlFor={`${id}-cancel`}>{t("refund.alsoCancel")}</label>
        </div>
      )}
    </ConfirmDialog>
  );
}
