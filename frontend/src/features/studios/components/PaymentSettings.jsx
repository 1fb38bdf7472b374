/** A studio's payment provider (owners: studio.payments): the platform's, or its own Stripe or Razorpay account with
 *  its keys. Keys are write-only: the server keeps them sealed and shows back only a hint of which are set. */
import { Trans, useTranslation } from "react-i18next";
import { Field, InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { formatDate } from "../../../lib/format.js";
import { t as translate } from "../../../lib/i18n.js";
import { useForm } from "../../../lib/use-form.js";
import { useChangeStudioPayments } from "../api.js";
import { useState } from "react";

/** How each choice reads (its message's key). */
const PROVIDER_NAMES = {
  install: "studios:payments.providers.install",
  test: "studios:payments.providers.test",
  stripe: "studios:payments.providers.stripe",
  razorpay: "studios:payments.providers.razorpay",
};
/** How each key is labelled, with where the owner finds it (their messages' keys). */
const KEY_LABELS = {
  secret_key: ["studios:payments.keys.secretKey", "studios:payments.keys.secretKeyHint"],
  webhook_secret: ["studios:payments.keys.webhookSecret", "studios:payments.keys.webhookSecretHint"],
  key_id: ["studios:payments.keys.keyId", "studios:payments.keys.keyIdHint"],
  key_secret: ["studios:payments.keys.keySecret", "studios:payments.keys.keySecretHint"],
};

const providerName = (name) => (PROVIDER_NAMES[name] ? translate(PROVIDER_NAMES[name]) : name);

function providerLabel(name, settings) {
  if (name === "install") return translate("studios:payments.installThrough", { provider: providerName(settings.install_provider) });
  return providerName(name);
}

/** What is set now: the provider, the keys' hint and the webhook address to give the provider. */
function Current({ settings }) {
  const { t } = useTranslation("studios");
  return (
    <dl className="facts payment-current">
      <dt>{t("payments.current")}</dt>
      <dd>{providerLabel(settings.provider, settings)}</dd>
      {settings.keys_hint && (
        <>
          <dt>{t("payments.keysSet")}</dt>
          <dd>
            <Trans t={t} i18nKey="payments.keysHint" values={{ hint: settings.keys_hint, date: formatDate(settings.keys_set_at) }} components={{ code: <code /> }} />
          </dd>
        </>
      )}
      {settings.webhook_url && (
        <>
          <dt>{t("payments.webhookAddress")}</dt>
          <dd>
            <code className="webhook-url">{settings.webhook_url}</code>
          </dd>
        </>
      )}
    </dl>
  );
}

export function PaymentSettings({ settings }) {
  const { t } = useTranslation("studios");
  const change = useChangeStudioPayments();
  const [saved, setSaved] = useState(null);
  const blankKeys = Object.fromEntries(Object.values(settings.key_fields).flat().map((name) => [name, ""]));
  const form = useForm({
    initialValues: { provider: settings.provider, ...blankKeys },
    validate: (values) => Object.fromEntries((settings.key_fields[values.provider] ?? []).filter((name) => !values[name].trim()).map((name) => [name, t("payments.enterKey")])),
    onSubmit: async (values) => {
      const keys = Object.fromEntries((settings.key_fields[values.provider] ?? []).map((name) => [name, values[name].trim()]));
      const answer = await change.mutateAsync({ provider: values.provider, keys });
      form.setValues({ provider: answer.provider, ...blankKeys });
      setSaved(t("payments.saved", { provider: providerLabel(answer.provider, answer) }));
    },
    onError: (error) => {
      setSaved(null);
      if (error.code === "payment_keys_refused") form.setFormError(error.message);
      else if (error.status === 400) form.showBadRequest(error, ["provider", ...Object.keys(blankKeys)]);
      else form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy, values } = form;
  const needed = settings.key_fields[values.provider] ?? [];
  return (
    <section aria-labelledby="payments-heading">
      <h2 id="payments-heading">{t("payments.title")}</h2>
      <p className="muted">{t("payments.intro")}</p>
      <Current settings={settings} />
      <SuccessMessage>{saved}</SuccessMessage>
      <FormAlert error={formError} />
      <form ref={formRef} className="form payment-form" onSubmit={form.handleSubmit} noValidate aria-label={t("payments.formLabel")}>
        <Field id="payment-provider" label={t("payments.provider")} error={form.errors.provider}>
          {(control) => (
            <select {...control} name="provider" value={values.provider} onChange={form.handleChange}>
              {settings.choices.map((name) => (
                <option key={name} value={name}>
                  {providerLabel(name, settings)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {needed.map((name) => (
          <InputField key={name} id={`payment-${name}`} type="password" autoComplete="off" spellCheck={false} maxLength={255} label={KEY_LABELS[name] ? t(KEY_LABELS[name][0]) : name} hint={KEY_LABELS[name] && t(KEY_LABELS[name][1])} {...form.field(name)} />
        ))}
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("payments.checking")}>
            {t("payments.save")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
