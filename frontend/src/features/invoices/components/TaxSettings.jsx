/** The studio's tax and invoicing settings: a form for who may change them (studio.settings), the same values read
 *  only for the others who see the studio's money. Saved whole; bad values come back beside their fields. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { fieldErrorsFrom, splitFieldErrors } from "../../../lib/field-errors.js";
import { useInvoicing, useSaveInvoicing } from "../api.js";
import { TAX_FIELDS, formValues, settingsBody } from "../settings-form.js";

const FORM_FIELDS = [...TAX_FIELDS.map(([name]) => name), "address_lines", "tax_name", "tax_rate", "tax_rates", "prices_include_tax", "financial_year_series"];

function Field({ id, label, error, children }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function TextField({ name, label, values, setValue, errors, disabled, prefix }) {
  const id = `${prefix}-${name}`;
  return (
    <Field id={id} label={label} error={errors[name]}>
      <input id={id} value={values[name]} onChange={(event) => setValue(name, event.target.value)} disabled={disabled} aria-invalid={Boolean(errors[name]) || undefined} />
    </Field>
  );
}

function TaxFields({ values, setValue, errors, disabled, prefix }) {
  const { t } = useTranslation("invoices");
  return (
    <>
      <Field id={`${prefix}-tax_name`} label={t("tax.taxName")} error={errors.tax_name}>
        <select id={`${prefix}-tax_name`} value={values.tax_name} onChange={(event) => setValue("tax_name", event.target.value)} disabled={disabled}>
          <option value="">{t("tax.noTax")}</option>
          <option value="GST">GST</option>
          <option value="VAT">VAT</option>
        </select>
      </Field>
      <Field id={`${prefix}-tax_rate`} label={t("tax.rate")} error={errors.tax_rate}>
        <input id={`${prefix}-tax_rate`} inputMode="decimal" value={values.tax_rate} onChange={(event) => setValue("tax_rate", event.target.value)} disabled={disabled} />
      </Field>
      <Field id={`${prefix}-tax_rates`} label={t("tax.datedRates")} error={errors.tax_rates}>
        <textarea id={`${prefix}-tax_rates`} rows={2} value={values.tax_rates} onChange={(event) => setValue("tax_rates", event.target.value)} disabled={disabled} aria-describedby={`${prefix}-tax_rates-help`} />
        <p className="muted small-text" id={`${prefix}-tax_rates-help`}>
          {t("tax.datedRatesHelp")}
        </p>
      </Field>
      <div className="check-field">
        <input type="checkbox" id={`${prefix}-inclusive`} checked={values.prices_include_tax} onChange={(event) => setValue("prices_include_tax", event.target.checked)} disabled={disabled} />
        <label htmlFor={`${prefix}-inclusive`}>{t("tax.pricesIncludeTax")}</label>
      </div>
      {!values.prices_include_tax && values.tax_name && <p className="muted small-text">{t("tax.taxAdded")}</p>}
    </>
  );
}

export function TaxSettings({ canChange }) {
  const { t } = useTranslation("invoices");
  const query = useInvoicing();
  if (query.isPending) return <Loading label={t("tax.loading")} />;
  if (query.error) return <ErrorMessage error={query.error} title={t("tax.notLoaded")} onRetry={() => query.refetch()} />;
  return <TaxForm settings={query.data} canChange={canChange} />;
}

function TaxForm({ settings, canChange }) {
  const { t } = useTranslation("invoices");
  const save = useSaveInvoicing();
  const prefix = useId();
  const [values, setValues] = useState(() => formValues(settings));
  const setValue = (name, value) => setValues((old) => ({ ...old, [name]: value }));
  const { fields: errors, other } = splitFieldErrors(fieldErrorsFrom(save.error), FORM_FIELDS);
  const disabled = !canChange || save.isPending;
  const onSubmit = (event) => {
    event.preventDefault();
    save.mutate(settingsBody(values));
  };
  return (
    <form className="form tax-settings" onSubmit={onSubmit} aria-label={t("tax.formLabel")}>
      {TAX_FIELDS.slice(0, 1).map(([name, label]) => (
        <TextField key={name} name={name} label={t(label)} values={values} setValue={setValue} errors={errors} disabled={disabled} prefix={prefix} />
      ))}
      <Field id={`${prefix}-address`} label={t("tax.address")} error={errors.address_lines}>
        <textarea id={`${prefix}-address`} rows={3} value={values.address} onChange={(event) => setValue("address", event.target.value)} disabled={disabled} />
      </Field>
      {TAX_FIELDS.slice(1).map(([name, label]) => (
        <TextField key={name} name={name} label={t(label)} values={values} setValue={setValue} errors={errors} disabled={disabled} prefix={prefix} />
      ))}
      <div className="check-field">
        <input type="checkbox" id={`${prefix}-by-year`} checked={values.financial_year_series} onChange={(event) => setValue("financial_year_series", event.target.checked)} disabled={disabled} />
        <label htmlFor={`${prefix}-by-year`}>{t("tax.financialYearSeries")}</label>
      </div>
      <TaxFields values={values} setValue={setValue} errors={errors} disabled={disabled} prefix={prefix} />
      {other.length > 0 && <ErrorMessage error={{ message: other.join(" ") }} title={t("tax.notSaved")} />}
      {save.isSuccess && <SuccessMessage>{t("tax.saved")}</SuccessMessage>}
      {canChange ? (
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t("tax.saving") : t("tax.save")}
        </button>
      ) : (
        <p className="muted small-text">{t("tax.ownersOnly")}</p>
      )}
    </form>
  );
}
