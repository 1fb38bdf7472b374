/** A client's marketing consent: given, withdrawn or never asked, with when and how; with clients.write, recorded
 *  anew (PUT …/consent: now, by the caller). */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { useSetConsent } from "../api.js";
import { bookError } from "../errors.js";
import { consentText } from "../wording.js";

function ConsentForm({ clientId, consent, onDone }) {
  const { t } = useTranslation("clients");
  const id = useId();
  const [marketing, setMarketing] = useState(consent?.marketing === false ? "no" : "yes");
  const [how, setHow] = useState("");
  const [howError, setHowError] = useState(null);
  const save = useSetConsent(clientId);
  const submit = (event) => {
    event.preventDefault();
    if (!how.trim()) return setHowError(t("consent.howMissing"));
    setHowError(null);
    if (!save.isPending) save.mutate({ marketing: marketing === "yes", how: how.trim() }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="client-consent-form" aria-label={t("consent.formLabel")}>
      <fieldset>
        <legend>{t("consent.legend")}</legend>
        <label>
          <input type="radio" name={`${id}-marketing`} value="yes" checked={marketing === "yes"} onChange={() => setMarketing("yes")} /> {t("consent.optionGiven")}
        </label>
        <label>
          <input type="radio" name={`${id}-marketing`} value="no" checked={marketing === "no"} onChange={() => setMarketing("no")} /> {t("consent.optionWithdrawn")}
        </label>
      </fieldset>
      <Field id={`${id}-how`} label={t("consent.how")} hint={t("consent.howHint")} error={howError}>
        {(control) => <input {...control} maxLength={200} value={how} onChange={(event) => setHow(event.target.value)} />}
      </Field>
      <ErrorMessage error={bookError(save.error)} title={t("consent.notRecorded")} />
      <p className="actions">
        <button type="submit" className="button primary" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t("consent.saving") : t("consent.record")}
        </button>
        <button type="button" className="button-link" onClick={onDone}>
          {t("consent.cancel")}
        </button>
      </p>
    </form>
  );
}

/** consent: the profile's {marketing, at, how, recorded_by}; canWrite: clients.write. */
export function ClientConsent({ clientId, consent, canWrite }) {
  const { t } = useTranslation("clients");
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="client-consent">
      <h2 id="client-consent">{t("consent.heading")}</h2>
      <p>{consentText(consent)}</p>
      {canWrite &&
        (editing ? (
          <ConsentForm clientId={clientId} consent={consent} onDone={() => setEditing(false)} />
        ) : (
          <button type="button" className="button secondary" onClick={() => setEditing(true)}>
            {t("consent.record")}
          </button>
        ))}
    </section>
  );
}
