/** "Make a token": what it is for, what it may do (the permissions a token may be given, by area, none ticked) and how
 *  long it lives; the whole token comes back once, to copy. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { fieldErrorsFrom, splitFieldErrors } from "../../../lib/field-errors.js";
import { useMakeApiToken } from "../api.js";
import { LIFETIMES, PERMISSION_WORDS, groupPermissions } from "../permissions.js";

function PermissionBoxes({ grantable, chosen, onToggle, error }) {
  const { t } = useTranslation("connections");
  return (
    <fieldset className="token-permissions" aria-describedby={error ? "token-permissions-error" : undefined}>
      <legend>{t("form.permissions")}</legend>
      <p className="muted small-text">{t("form.permissionsHint")}</p>
      {groupPermissions(grantable).map(({ area, permissions }) => (
        <fieldset key={area} className="token-area">
          <legend>{t(area)}</legend>
          {permissions.map((permission) => (
            <label key={permission} className="checkbox">
              <input type="checkbox" checked={chosen.includes(permission)} onChange={() => onToggle(permission)} />
              {PERMISSION_WORDS[permission] ? t(PERMISSION_WORDS[permission]) : permission}
            </label>
          ))}
        </fieldset>
      ))}
      {error && (
        <p id="token-permissions-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function lifetimeWords(t, days) {
  return days === null ? t("form.lifetimeNever") : t("form.lifetimeDays", { count: days });
}

export function TokenForm({ grantable, onMade }) {
  const { t } = useTranslation("connections");
  const make = useMakeApiToken();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState([]);
  const [lifetime, setLifetime] = useState(String(LIFETIMES[0]));
  const [errors, setErrors] = useState({});
  const [alert, setAlert] = useState(null);
  const toggle = (permission) => setChosen(chosen.includes(permission) ? chosen.filter((one) => one !== permission) : [...chosen, permission]);
  const submit = (event) => {
    event.preventDefault();
    const missing = { ...(name.trim() ? {} : { name: t("form.nameNeeded") }), ...(chosen.length ? {} : { permissions: t("form.permissionsNeeded") }) };
    setErrors(missing);
    setAlert(null);
    if (Object.keys(missing).length || make.isPending) return;
    const body = { name: name.trim(), permissions: chosen, expires_in_days: lifetime === "null" ? null : Number(lifetime) };
    make.mutate(body, {
      onSuccess: (made) => (setName(""), setChosen([]), onMade(made)),
      onError: (error) => {
        const split = splitFieldErrors(fieldErrorsFrom(error), (path) => path.split(".")[0]);
        setErrors(split.fields);
        setAlert(split.other.join(" ") || (Object.keys(split.fields).length ? null : error.message));
      },
    });
  };
  return (
    <form className="card token-form" onSubmit={submit} noValidate aria-labelledby="token-form-title">
      <h2 id="token-form-title">{t("form.title")}</h2>
      <FormAlert error={alert} />
      <InputField id="token-name" label={t("form.name")} hint={t("form.nameHint")} maxLength={100} value={name} error={errors.name} onChange={(event) => setName(event.target.value)} />
      <PermissionBoxes grantable={grantable} chosen={chosen} onToggle={toggle} error={errors.permissions} />
      <label htmlFor="token-lifetime">{t("form.lifetime")}</label>
      <select id="token-lifetime" value={lifetime} onChange={(event) => setLifetime(event.target.value)}>
        {LIFETIMES.map((days) => (
          <option key={String(days)} value={String(days)}>
            {lifetimeWords(t, days)}
          </option>
        ))}
      </select>
      <SubmitButton busy={make.isPending} busyLabel={t("form.making")}>
        {t("form.make")}
      </SubmitButton>
    </form>
  );
}
