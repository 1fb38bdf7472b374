/** Refund one booking's payment, all of it or part: an amount (blank: all that is left), a reason the person sees,
 *  and, for a booking still on, whether to cancel it and give its seats back. Shown to roles with refunds.make. */
import { useId, useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { InputField } from "../../../components/Field.jsx";
import { formatAmount, parseMajorUnits, toMajorUnitsText } from "../../../lib/money.js";
import { useRefundPayment } from "../refunds-api.js";

/** registrant: the booking's line (refund_payment_id, amount_paid, currency, status, name); onDone(refund). */
export function RefundDialog({ registrant, onDone, onCancel }) {
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
    if (parsed.error) found.amount = "Type an amount such as 500 or 500.50.";
    else if (parsed.amount > left) found.amount = `At most ${formatAmount(left, currency)} is left to refund.`;
    if (!reason.trim()) found.reason = "Say why: the person reads it.";
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { paymentId: registrant.refund_payment_id, reason: reason.trim(), cancel_booking: cancelBooking };
    if (parsed.amount > 0) body.amount = parsed.amount;
    refund.mutate(body, { onSuccess: onDone });
  };

  return (
    <ConfirmDialog title={`Refund ${registrant.name}`} confirmLabel={registrant.paid_in_person ? "Record the refund" : "Refund"} cancelLabel="Keep the money" busy={refund.isPending} onConfirm={submit} onCancel={onCancel}>
      <p>
        {registrant.paid_in_person
          ? `${formatAmount(left, currency)} is left of what they paid in person. Give it back the same way (cash or the card terminal): this records it, with a credit note, and emails them.`
          : `${formatAmount(left, currency)} is left of their payment. The money goes back through the payment provider; they are emailed when it arrives.`}
      </p>
      <ErrorMessage error={refund.error} title="The refund was not made." />
      <InputField id={`${id}-amount`} label={`Amount (${currency})`} hint={`Leave blank to refund all ${toMajorUnitsText(left, currency)}.`} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} error={errors.amount} />
      <InputField id={`${id}-reason`} label="Reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} error={errors.reason} />
      {registrant.status === "active" && (
        <div className="check-field">
          <input type="checkbox" id={`${id}-cancel`} checked={cancelBooking} onChange={(event) => setCancelBooking(event.target.checked)} />
          <label htmlFor={`${id}-cancel`}>Also cancel the booking and give the seat back</label>
        </div>
      )}
    </ConfirmDialog>
  );
}
