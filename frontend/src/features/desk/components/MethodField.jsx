/** How a client paid at the desk: cash, the card terminal or UPI (the studio's QR), as radio buttons (big targets on a tablet). */
import { useTranslation } from "react-i18next";
import { METHOD_LABELS, METHODS } from "../wording.js";

/** idPrefix: unique per form; value/onChange: the method chosen. */
export function MethodField({ idPrefix, value, onChange }) {
  const { t } = useTranslation("desk");
  return (
    <fieldset className="desk-choice">
      <legend>{t("method.legend")}</legend>
      {METHODS.map((method) => (
        <label key={method.value} htmlFor={`${idPrefix}-${method.value}`}>
          <input type="radio" id={`${idPrefix}-${method.value}`} name={`${idPrefix}-method`} value={method.value} checked={value === method.value} onChange={() => onChange(method.value)} />
          {METHOD_LABELS[method.value] ? t(METHOD_LABELS[method.value]) : method.label}
        </label>
      ))}
    </fieldset>
  );
}
