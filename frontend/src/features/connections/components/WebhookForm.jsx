/** "Add a webhook": the address of the studio's own tool, what it is, and the kinds of news it hears (by their
 *  words, none ticked). The signing secret comes back once. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { fieldErrorsFrom, splitFieldErrors } from "../../../lib/field-errors.js";
import { EVENT_WORDS } from "../permissions.js";
import { useMakeWebhook } from "../webhooks-api.js";

function EventBoxes({ catalogue, chosen, onToggle, error }) {
  const { t } = useTranslation("connections");
  return (
    <fieldset className="token-area webhook-events" aria-describedby={error ? "webhook-events-error" : undefined}>
      <legend>{t("hooks.form.events")}</legend>
      {catalogue.map(({ type }) => (
        <label key={type} className="checkbox">
          <input type="checkbox" checked={chosen.includes(type)} onChange={() => onToggle(type)} />
          {EVENT_WORDS[type] ? t(EVENT_WORDS[type]) : type}
        </label>
      ))}
      {error && (
        <p id="webhook-events-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function WebhookForm({ catalogue, onMade }) {
  const { t } = useTranslation("connections");
  const make = useMakeWebhook();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState([]);
  const [errors, setErrors] = useState({});
  const [alert, setAlert] = useState(null);
  const toggle = (type) => setChosen(chosen.includes(type) ? chosen.filter((one) => one !== type) : [...chosen, type]);
  const submit = (event) => {
    event.preventDefault();
    const missing = { ...(url.trim() ? {} : { url: t("hooks.form.urlNeeded") }), ...(chosen.length ? {} : { event_types: t("hooks.form.eventsNeeded") }) };
    setErrors(missing);
    setAlert(null);
    if (Object.keys(missing).length || make.isPending) return;
    make.mutate(
      { url: url.trim(), description: description.trim(), event_types: chosen },
      {
        onSuccess: (made) => (setUrl(""), setDescription(""), setChosen([]), onMade(made)),
        onError: (error) => {
          const split = splitFieldErrors(fieldErrorsFrom(error), (path) => path.split(".")[0]);
          setErrors(split.fields);
          setAlert(split.other.join(" ") || (Object.keys(split.fields).length ? null : error.message));
        },
      },
    );
  };
  return (
    <form className="card token-form" onSubmit={submit} noValidate aria-labelledby="webhook-form-title">
      <h2 id="webhook-form-title">{t("hooks.form.title")}</h2>
      <FormAlert error={alert} />
      <InputField id="webhook-url" type="url" label={t("hooks.form.url")} hint={t("hooks.form.urlHint")} maxLength={1000} autoComplete="off" spellCheck={false} value={url} error={errors.url} onChange={(event) => setUrl(event.target.value)} />
      <InputField id="webhook-description" label={t("hooks.form.description")} maxLength={200} value={description} error={errors.description} onChange={(event) => setDescription(event.target.value)} />
      <EventBoxes catalogue={catalogue} chosen={chosen} onToggle={toggle} error={errors.event_types} />
      <SubmitButton busy={make.isPending} busyLabel={t("hooks.form.adding")}>
        {t("hooks.form.add")}
      </SubmitButton>
    </form>
  );
}
