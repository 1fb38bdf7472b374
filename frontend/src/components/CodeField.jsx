/** A discount code at checkout (the booking dialog, the pass shop): "Have a code?" with Apply, then the code applied,
 *  what it takes off, and Remove; why a code can't be used shows under the field. And the price a code gives: the old
 *  one struck through, the new one (or "Free with code") beside it. */
import { useRef } from "react";
import { Trans, useTranslation } from "react-i18next";
import { CODE_MAX_LENGTH } from "../lib/discount-codes.js";
import { formatAmount } from "../lib/money.js";
import { useFocusOnAppear } from "../lib/use-focus-on-appear.js";

/** The price before a code and after it; without a quote, children (the price as it is). */
export function CodePrice({ quote, children = null }) {
  const { t } = useTranslation("common");
  if (!quote) return children;
  // A business elsewhere in the EU pays no VAT (reverse charge): the price it pays is the one to show.
  const reverse = quote.reverse_charge && quote.amount_due > 0;
  const due = reverse ? quote.total_due : quote.amount_due;
  return (
    <span className="code-price">
      <span className="visually-hidden">{t("codeField.was")} </span>
      <del>{formatAmount(quote.price, quote.currency)}</del> <span className="visually-hidden">{t("codeField.now")} </span>
      <strong>{quote.amount_due === 0 ? t("codeField.freeWithCode") : formatAmount(due, quote.currency)}</strong>
      {reverse && ` ${t("codeField.reverseCharge")}`}
    </span>
  );
}

/** id: the input's id; code: useDiscountCode()'s answer; describedBy: what the code is for (a pass's name), for
 *  screen readers beside several fields on one page. */
export function CodeField({ id, code, describedBy }) {
  const { t } = useTranslation("common");
  const appliedRef = useFocusOnAppear(code.quote?.code); // the field and its Apply button are gone: focus the outcome
  const focusInput = useRef(false);
  const inputRef = (node) => {
    if (node && focusInput.current) node.focus(); // back from Remove: the field again
    focusInput.current = false;
  };
  const remove = () => {
    focusInput.current = true;
    code.reset();
  };

  if (code.quote) {
    const { quote } = code;
    return (
      <div ref={appliedRef} tabIndex={-1} className="code-applied" role="status">
        <span>
          <Trans t={t} i18nKey="codeField.applied" values={{ code: quote.code, amount: formatAmount(quote.amount_off, quote.currency) }} components={{ strong: <strong /> }} />
        </span>
        <button type="button" className="button-link" onClick={remove} aria-describedby={describedBy}>
          {t("codeField.remove")}
        </button>
      </div>
    );
  }
  const errorId = `${id}-error`;
  const described = [describedBy, code.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const onKeyDown = (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    code.apply();
  };
  return (
    <div className="field code-field">
      <label htmlFor={id}>{t("codeField.label")}</label>
      <div className="code-entry">
        <input
          ref={inputRef}
          id={id}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={CODE_MAX_LENGTH}
          value={code.text}
          onChange={(event) => code.change(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={code.error ? "true" : undefined}
          aria-describedby={described}
        />
        <button type="button" className="button secondary small" onClick={() => !code.checking && code.apply()} aria-disabled={code.checking || undefined} aria-describedby={describedBy}>
          {code.checking ? t("codeField.checking") : t("codeField.apply")}
        </button>
      </div>
      {code.error && (
        <p id={errorId} className="field-error" role="alert">
          {code.error}
        </p>
      )}
    </div>
  );
}
