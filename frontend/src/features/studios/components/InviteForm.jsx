/** Inviting someone by email in a role I may give (an owner any, a manager instructors and front desk). */
import { useTranslation } from "react-i18next";
import { Field, InputField } from "../../../components/Field.jsx";
import { FormAlert } from "../../../components/FormAlert.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { roleName } from "../../../lib/studio.jsx";
import { t as translate } from "../../../lib/i18n.js";
import { useForm } from "../../../lib/use-form.js";
import { useInvite } from "../api.js";
import { roleInSentence } from "../roles.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function inviteErrors({ email }) {
  if (!email.trim()) return { email: translate("studios:invite.errors.missing") };
  return EMAIL.test(email.trim()) ? {} : { email: translate("studios:invite.errors.invalid") };
}

/** roles: the roles I may give; onSent(invitation) after the email is on its way. */
export function InviteForm({ roles, onSent }) {
  const { t } = useTranslation("studios");
  const invite = useInvite();
  const empty = { email: "", role: roles.includes("instructor") ? "instructor" : roles[0] };
  const form = useForm({
    initialValues: empty,
    validate: inviteErrors,
    onSubmit: async (values) => {
      const sent = await invite.mutateAsync({ email: values.email.trim(), role: values.role });
      form.setValues(empty);
      onSent(sent);
    },
    onError: (error) => {
      if (error.code === "already_member") form.showErrors({ email: error.message });
      else if (error.status === 400) form.showBadRequest(error, ["email", "role"]);
      else form.setFormError(error.message);
    },
  });
  const { formRef, formError, busy } = form;
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("invite.title")}</h2>
      <p className="muted">{t("invite.intro")}</p>
      <FormAlert error={formError} />
      <form ref={formRef} className="form invite-form" onSubmit={form.handleSubmit} noValidate aria-label={t("invite.title")}>
        <div className="row">
          <InputField id="invite-email" type="email" label={t("invite.email")} autoComplete="off" maxLength={320} {...form.field("email")} />
          <Field id="invite-role" label={t("invite.role")} error={form.errors.role}>
            {(control) => (
              <select {...control} name="role" value={form.values.role} onChange={form.handleChange}>
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {roleName(role)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("invite.sending")}>
            {t("invite.send")}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}

/** "Invitation sent to x: they join as an instructor when they accept it." */
export const sentNotice = (sent) => translate("studios:invite.sent", { email: sent.email, role: roleInSentence(sent.role) });
