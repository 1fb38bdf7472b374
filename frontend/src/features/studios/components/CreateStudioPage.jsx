/** /studios/new: make a studio (its maker is its owner), which becomes the current one; the API's refusals by field,
 *  and plainly when the platform keeps making studios to its admins. */
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

export const SIGNUP_CLOSED = "Studios are made by the platform's admins here. Ask an admin to make yours: they can make you its owner.";

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
  usePageTitle("Create a studio");
  const create = useCreateStudio();
  const form = useForm({
    initialValues: emptyStudio(),
    validate: studioErrors,
    onSubmit: async (values) => {
      const made = await create.mutateAsync(studioRequest(values));
      form.leave(paths.facilitator, { state: { message: `${made.name} is ready, and you are its owner. Invite your team from Members.` } });
    },
    onError: (error) => {
      if (error.code === "studio_signup_closed") form.setFormError({ message: SIGNUP_CLOSED });
      else if (error.code === "slug_taken") form.showErrors({ slug: error.message });
      else if (error.status === 400) form.showBadRequest(error, STUDIO_FIELDS);
      else form.setFormError(error);
    },
  });
  const { formRef, values, formError, busy } = form;
  const country = countryName(values.country.trim().toUpperCase());

  return (
    <section className="page narrow create-studio">
      <h1>Create a studio</h1>
      <p className="muted">A studio is a team: you are its owner, and you invite the people who run it with you. Its events, passes and codes are the studio's.</p>
      <ErrorMessage error={formError} title="The studio was not made." />
      <form ref={formRef} className="form" onSubmit={form.handleSubmit} noValidate aria-label="Create a studio">
        <InputField id="studio-name" label="Name" maxLength={200} autoComplete="organization" required {...form.field("name")} />
        <InputField id="studio-slug" label="Web address (optional)" hint="Lower-case letters, digits and hyphens, e.g. lotus-yoga. Left empty, it is made from the name." maxLength={64} autoComplete="off" spellCheck={false} {...form.field("slug")} />
        <ChoiceField id="studio-timezone" label="Time zone" options={timeZoneNames([values.timezone])} {...form.field("timezone")} />
        <div className="row">
          <ChoiceField id="studio-currency" label="Currency" options={CURRENCIES} {...form.field("currency")} />
          <InputField id="studio-country" label="Country" hint={country || "Two letters, such as IN or DE."} maxLength={2} autoComplete="country" required {...form.field("country")} />
        </div>
        <div className="row">
          <InputField id="studio-email" type="email" label="Contact email (optional)" maxLength={320} autoComplete="email" {...form.field("contact_email")} />
          <InputField id="studio-phone" type="tel" label="Contact phone (optional)" maxLength={32} autoComplete="tel" {...form.field("contact_phone")} />
        </div>
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Making the studio…">
            Create the studio
          </SubmitButton>
          <Link to={paths.facilitator}>Cancel</Link>
        </div>
      </form>
    </section>
  );
}
