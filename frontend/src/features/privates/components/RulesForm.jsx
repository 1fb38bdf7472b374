/** The studio's booking window for privates: how long before a client may book at the latest, how far ahead, and
 *  until how many hours before a client may still move or cancel one (appointments.manage). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useRules, useSaveRules } from "../staff-api.js";

const FIELDS = [
  { name: "min_notice_minutes", label: "rules.min_notice_minutes", min: 0, max: 43200 },
  { name: "max_days_ahead", label: "rules.max_days_ahead", min: 1, max: 365 },
  { name: "cancel_hours", label: "rules.cancel_hours", min: 0, max: 720 },
];

function Form({ rules }) {
  const { t } = useTranslation("privates");
  const save = useSaveRules();
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map(({ name }) => [name, String(rules[name])])));
  const [saved, setSaved] = useState(false);
  const submit = (event) => {
    event.preventDefault();
    if (save.isPending) return;
    const body = Object.fromEntries(FIELDS.map(({ name }) => [name, Number(values[name])]));
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="form rules-form" onSubmit={submit} aria-label={t("rules.formLabel")}>
      {FIELDS.map(({ name, label, min, max }) => (
        <label key={name} className="field">
          <span>{t(label)}</span>
          <input type="number" inputMode="numeric" required min={min} max={max} step={1} value={values[name]} onChange={(event) => (setValues({ ...values, [name]: event.target.value }), setSaved(false))} />
        </label>
      ))}
      <ErrorMessage error={save.error} title={t("rules.notSaved")} />
      {saved && <SuccessMessage>{t("rules.saved")}</SuccessMessage>}
      <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
        {save.isPending ? t("rules.saving") : t("rules.save")}
      </button>
    </form>
  );
}

export function RulesForm() {
  const { t } = useTranslation("privates");
  const rules = useRules();
  if (rules.isPending) return <Loading />;
  if (rules.error) return <ErrorMessage error={rules.error} title={t("rules.notLoaded")} onRetry={() => rules.refetch()} />;
  return <Form rules={rules.data} />;
}
