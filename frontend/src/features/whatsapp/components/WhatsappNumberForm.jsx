/** The form that connects the studio's own WhatsApp number, or replaces it: its two ids (kept from the number
 *  connected, to change a token alone) and its three secrets, always typed again (write-only: the server keeps them
 *  sealed and shows back only the token's hint). */
import { useTranslation } from "react-i18next";
import { InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { useForm } from "../../../lib/use-form.js";
import { useConnectWhatsapp } from "../api.js";
import { NUMBER_FIELDS, NUMBER_FIELD_NAMES, numberBody, numberProblems, numberValues } from "../number-fields.js";

const translated = (problems, t) => Object.fromEntries(Object.entries(problems).map(([name, key]) => [name, t(key)]));

/** settings: GET …/whatsapp's answer; onSaved(message) after a change (null when a change was refused). */
export function WhatsappNumberForm({ settings, onSaved }) {
  const { t } = useTranslation("whatsapp");
  const connect = useConnectWhatsapp();
  const form = useForm({
    initialValues: numberValues(settings),
    validate: (values) => translated(numberProblems(values, settings.install_phone_number_id), t),
    onSubmit: async (values) => {
      const answer = await connect.mutateAsync(numberBody(values));
      form.setValues(numberValues(answer));
      onSaved(t("number.connected"));
    },
    onError: (error) => {
      onSaved(null);
      if (error.code === "whatsapp_number_taken") {
        form.showErrors({ phone_number_id: t("number.taken") });
        form.setFormError(t("number.notConnected"));
      } else if (error.status === 400) {
        const { fields, other } = form.showServerErrors(error, NUMBER_FIELD_NAMES);
        form.setFormError(other.length ? other.join(" ") : Object.keys(fields).length ? t("number.notConnected") : error.message);
      } else form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <form ref={formRef} className="form whatsapp-number-form" onSubmit={form.handleSubmit} noValidate aria-label={t("number.formLabel")}>
      <h3>{settings.connected ? t("number.replaceTitle") : t("number.connectTitle")}</h3>
      <p className="muted small-text">{t("number.whereToFind")}</p>
      <FormAlert error={formError} />
      {NUMBER_FIELDS.map(({ name, secret, label, hint }) => (
        <InputField
          key={name}
          id={`whatsapp-${name}`}
          type={secret ? "password" : "text"}
          inputMode={secret ? undefined : "numeric"}
          autoComplete="off"
          spellCheck={false}
          maxLength={secret ? 1003 : 20}
          label={t(label)}
          hint={t(hint)}
          {...form.field(name)}
        />
      ))}
      <div className="actions">
        <SubmitButton busy={busy} busyLabel={t("number.connecting")}>
          {settings.connected ? t("number.replace") : t("number.connect")}
        </SubmitButton>
      </div>
    </form>
  );
}
