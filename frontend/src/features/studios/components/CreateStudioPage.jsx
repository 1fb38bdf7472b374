/** /studios/new: make a studio (its maker is its owner), which becomes the current one; the API's refusals by field,
 *  and plainly when the platform keeps making studios to its admins. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { Field, InputField } from "../../../components/Field.jsx";
import { SubmitButton } from "../../../components/SubmitButton.jsx";
import { CURRENCIES } from "../../../lib/money.js";
import { paths } from "../../../lib/paths.js";
import { timeZoneNames } from "../../../lib/time-zones.js";
import { useForm } from "../../../lib/use-form.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useCreateStudio } from "../api.js";
import { STUDIO_FIELDS, countryName, emptyStudio, studioErrors, studioRequest } from "../studio-form.js";
import "../studios.css";

/** A Field around a <select> of options (shown with spaces for underscores); name, value and onChange as form.field's. */
function ChoiceField({ id, label, options, name, value, onChange, error, hint }) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={onChange}>
          {options.map((option) => (
            <option key={option} value={option}>
              {option.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CreateStudioPage() {
  const { t } = useTranslation("studios");
  usePageTitle(t("create.title"));
  const create = useCreateStudio();
  const form = useForm({
    initialValues: emptyStudio(),
    validate: studioErrors,
    onSubmit: async (values) => {
      const made = await create.mutateAsync(studioRequest(values));
      form.leave(paths.facilitator, { state: { message: t("create.made", { studio: made.name }) } });
    },
    onError: (error) => {
      if (error.code === "studio_signup_closed") form.setFormError({ message: t("create.signupClosed") });
      else if (error.code === "slug_taken") form.showErrors({ slug: error.message });
      else if (error.status === 400) form.showBadRequest(error, STUDIO_FIELDS);
      else form.setFormError(error);
    },
  });
  const { formRef, values, formError, busy } = form;
  const country = countryName(values.country.trim().toUpperCase());

  return (
    <section className="page narrow create-studio">
      <h1>{t("create.title")}</h1>
      <p className="muted">{t("create.intro")}</p>
      <ErrorMessage error={formError} title={t("create.notMade")} />
      <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label={t("create.title")}>
        <InputField id="studio-name" label={t("create.name")} maxLength={200} autoComplete="organization" required {...form.field("name")} />
        <InputField id="studio-slug" label={t("create.slug")} hint={t("create.slugHint")} maxLength={64} autoComplete="off" spellCheck={false} {...form.field("slug")} />
        <ChoiceField id="studio-timezone" label={t("create.timezone")} options={timeZoneNames([values.timezone])} {...form.field("timezone")} />
        <div className="row">
          <ChoiceField id="studio-currency" label={t("create.currency")} options={CURRENCIES} {...form.field("currency")} />
          <InputField id="studio-country" label={t("create.country")} hint={country || t("create.errors.country")} maxLength={2} autoComplete="country" required {...form.field("country")} />
        </div>
        <div className="row">
          <InputField id="studio-email" type="email" label={t("create.email")} maxLength={320} autoComplete="email" {...form.field("contact_email")} />
          <InputField id="studio-phone" type="tel" label={t("create.phone")} maxLength={32} autoComplete="tel" {...form.field("contact_phone")} />
        </div>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel={t("create.making")}>
            {t("create.submit")}
          </SubmitButton>
          <Link to={paths.facilitator}>{t("create.cancel")}</Link>
        </div>
      </form>
    </section>
  );
}
