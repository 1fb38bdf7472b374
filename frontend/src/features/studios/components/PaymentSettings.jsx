/** A studio's payment provider (owners: studio.payments): the platform's, or its own Stripe or Razorpay account with
 *  its keys. Keys are write-only: the server keeps them sealed and shows back only a hint of which are set. */
import { Field, InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SuccessMessage } from "../../../components/Feedback.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useChangeStudioPayments } from "../api.js";
import { useState } from "react";

/** How each choice reads. */
export const PROVIDER_NAMES = { install: "The platform's payments", test: "Test payments (no money moves)", stripe: "Stripe", razorpay: "Razorpay (UPI, cards, netbanking)" };
/** How each key is labelled, with where the owner finds it. */
const KEY_LABELS = {
  secret_key: ["Secret key", "Stripe dashboard → Developers → API keys (sk_live_… or sk_test_…)."],
  webhook_secret: ["Webhook signing secret", "The secret of the webhook endpoint you add at the address below."],
  key_id: ["Key id", "Razorpay dashboard → Account & Settings → API keys (rzp_live_… or rzp_test_…)."],
  key_secret: ["Key secret", "Shown once by Razorpay when the key is made."],
};

function providerLabel(name, settings) {
  if (name === "install") return `${PROVIDER_NAMES.install}: ${PROVIDER_NAMES[settings.install_provider] ?? settings.install_provider}`;
  return PROVIDER_NAMES[name] ?? name;
}

/** What is set now: the provider, the keys' hint and the webhook address to give the provider. */
function Current({ settings }) {
  return (
    <dl className="facts payment-current">
      <dt>Takes payments through</dt>
      <dd>{providerLabel(settings.provider, settings)}</dd>
      {settings.keys_hint && (
        <>
          <dt>Keys</dt>
          <dd>
            <code>{settings.keys_hint}</code> (set {new Date(settings.keys_set_at).toLocaleDateString()})
          </dd>
        </>
      )}
      {settings.webhook_url && (
        <>
          <dt>Webhook address</dt>
          <dd>
            <code className="webhook-url">{settings.webhook_url}</code>
          </dd>
        </>
      )}
    </dl>
  );
}

export function PaymentSettings({ settings }) {
  const change = useChangeStudioPayments();
  const [saved, setSaved] = useState(null);
  const blankKeys = Object.fromEntries(Object.values(settings.key_fields).flat().map((name) => [name, ""]));
  const form = useForm({
    initialValues: { provider: settings.provider, ...blankKeys },
    validate: (values) => Object.fromEntries((settings.key_fields[values.provider] ?? []).filter((name) => !values[name].trim()).map((name) => [name, "Enter this key."])),
    onSubmit: async (values) => {
      const keys = Object.fromEntries((settings.key_fields[values.provider] ?? []).map((name) => [name, values[name].trim()]));
      const answer = await change.mutateAsync({ provider: values.provider, keys });
      form.setValues({ provider: answer.provider, ...blankKeys });
      setSaved(`Payments now go through ${providerLabel(answer.provider, answer)}.`);
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
      <h2 id="payments-heading">Payments</h2>
      <p className="muted">Take your clients' money through your own Stripe or Razorpay account (UPI, cards and netbanking in India). Keys are checked with the provider, stored encrypted and never shown again.</p>
      <Current settings={settings} />
      <SuccessMessage>{saved}</SuccessMessage>
      <FormAlert error={formError} />
      <form ref={formRef} className="form payment-form" onSubmit={form.handleSubmit} noValidate aria-label="Payment provider">
        <Field id="payment-provider" label="Provider" error={form.errors.provider}>
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
          <InputField key={name} id={`payment-${name}`} type="password" autoComplete="off" spellCheck={false} maxLength={255} label={KEY_LABELS[name]?.[0] ?? name} hint={KEY_LABELS[name]?.[1]} {...form.field(name)} />
        ))}
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Checking the keys…">
            Save
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
