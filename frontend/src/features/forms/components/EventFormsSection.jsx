/** On a staff event page, for whoever writes the studio's forms (forms.manage): which published forms this event's
 *  bookings need signed, beyond those the studio asks before any first booking (listed, always asked). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { useEventForms, useSetEventForms, useStudioForms } from "../api.js";

function FormChoices({ event, published, chosen }) {
  const { t } = useTranslation("forms");
  const save = useSetEventForms(event.id);
  const [ticked, setTicked] = useState(() => new Set(chosen));
  const always = published.filter((form) => form.required_before_first_booking);
  const optional = published.filter((form) => !form.required_before_first_booking);
  const toggle = (id) => {
    save.reset();
    setTicked((current) => (current.has(id) ? new Set([...current].filter((one) => one !== id)) : new Set([...current, id])));
  };
  const submit = (submitted) => {
    submitted.preventDefault();
    save.mutate(optional.filter((form) => ticked.has(form.id)).map((form) => form.id));
  };
  return (
    <form onSubmit={submit} noValidate>
      {always.length > 0 && <p className="muted">{t("event.always", { forms: always.map((form) => form.current_version.title).join(", ") })}</p>}
      {optional.length === 0 ? (
        <p className="muted">{t("event.noneToChoose")}</p>
      ) : (
        <fieldset className="plain-fieldset">
          <legend>{t("event.legend")}</legend>
          {optional.map((form) => (
            <label key={form.id} className="check">
              <input type="checkbox" checked={ticked.has(form.id)} onChange={() => toggle(form.id)} /> {form.current_version.title}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorMessage error={save.error} title={t("event.notSaved")} />
      {save.isSuccess && <SuccessMessage>{t("event.saved")}</SuccessMessage>}
      {optional.length > 0 && (
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? t("event.saving") : t("event.save")}
        </button>
      )}
    </form>
  );
}

export function EventFormsSection({ event }) {
  const { t } = useTranslation("forms");
  const { can, studio } = useStudio();
  const forms = useStudioForms();
  const chosen = useEventForms(event.id);
  if (!studio || !can("forms.manage")) return null;
  const published = (forms.data ?? []).filter((form) => form.current_version);
  let content;
  if (forms.isPending || chosen.isPending) content = <Loading label={t("event.loading")} />;
  else if (forms.isError || chosen.isError) content = <ErrorMessage error={forms.error ?? chosen.error} title={t("event.loadFailed")} />;
  else content = <FormChoices event={event} published={published} chosen={chosen.data} />;
  return (
    <section aria-labelledby="event-forms-heading" className="card event-forms">
      <h2 id="event-forms-heading">{t("event.heading")}</h2>
      {content}
    </section>
  );
}
