/** The booking dialog's choice between the person's passes that can pay for the seats (offered first) and paying, with
 *  the discount code field (children) under paying, shown while paying is chosen; without a pass that can pay, the
 *  code field alone. chosen: the pass's id, or null for paying; payLabel: what paying costs. */
import { useTranslation } from "react-i18next";
import { passOptionLabel } from "../pass-choice.js";

export function PaymentChoice({ idPrefix, passes, chosen, onChange, payLabel, children = null }) {
  const { t } = useTranslation("bookings");
  if (!passes.length) return children;
  const name = `${idPrefix}-payment`;
  return (
    <fieldset className="payment-choice">
      <legend>{t("payChoice.legend")}</legend>
      {passes.map((pass) => (
        <label key={pass.id} className="payment-option">
          <input type="radio" name={name} checked={chosen === pass.id} onChange={() => onChange(pass.id)} /> {passOptionLabel(pass)}
        </label>
      ))}
      <label className="payment-option">
        <input type="radio" name={name} checked={chosen === null} onChange={() => onChange(null)} /> {payLabel}
      </label>
      {chosen === null && children && <div className="payment-option-more">{children}</div>}
    </fieldset>
  );
}
