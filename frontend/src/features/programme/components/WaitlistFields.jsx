/** How a session's freed seats reach its waiting list: booked for the first in line at once, or offered to them for a
 *  while (then to the next), optionally booking at once until some hours before the start. */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { t as translate } from "../../../lib/i18n.js";

export const WAITLIST_FIELDS = ["waitlist_mode", "offer_minutes", "auto_until_hours"];
const MAX_OFFER_MINUTES = 7 * 24 * 60;

/** The form's values for a session's settings (text, as inputs hold them). */
export const waitlistValues = (session) => ({
  waitlist_mode: session.waitlist_mode ?? "auto",
  offer_minutes: String(session.offer_minutes ?? 120),
  auto_until_hours: session.auto_until_hours == null ? "" : String(session.auto_until_hours),
});

const wholeIn = (text, min, max) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

/** Problems with the values, by field. */
export function checkWaitlist(values) {
  const errors = {};
  if (!wholeIn(values.offer_minutes.trim(), 5, MAX_OFFER_MINUTES)) {
    errors.offer_minutes = translate("programme:waitlist.minutesRange", { max: MAX_OFFER_MINUTES });
  }
  const hours = values.auto_until_hours.trim();
  if (hours && !wholeIn(hours, 0, 8760)) errors.auto_until_hours = translate("programme:waitlist.hoursRange");
  return errors;
}

/** The settings that differ from `original`, in the API's form. */
export function waitlistChanges(values, original) {
  const changes = {};
  if (values.waitlist_mode !== original.waitlist_mode) changes.waitlist_mode = values.waitlist_mode;
  if (values.offer_minutes.trim() !== original.offer_minutes) changes.offer_minutes = Number(values.offer_minutes);
  const hours = values.auto_until_hours.trim();
  if (hours !== original.auto_until_hours) changes.auto_until_hours = hours === "" ? null : Number(hours);
  return changes;
}

export function WaitlistFields({ values, onChange, errors }) {
  const { t } = useTranslation("programme");
  const offer = values.waitlist_mode === "offer";
  return (
    <fieldset className="plain-fieldset">
      <legend>{t("waitlist.legend")}</legend>
      <Field id="session-waitlist-mode" label={t("waitlist.first")} error={errors.waitlist_mode}>
        {(control) => (
          <select {...control} value={values.waitlist_mode} onChange={(event) => onChange("waitlist_mode", event.target.value)}>
            <option value="auto">{t("waitlist.auto")}</option>
            <option value="offer">{t("waitlist.offer")}</option>
          </select>
        )}
      </Field>
      {offer && (
        <div className="row">
          <Field id="session-offer-minutes" label={t("waitlist.offerMinutes")} error={errors.offer_minutes} hint={t("waitlist.offerHint")}>
            {(control) => (
              <input {...control} type="number" min={5} step={1} inputMode="numeric" value={values.offer_minutes} onChange={(event) => onChange("offer_minutes", event.target.value)} />
            )}
          </Field>
          <Field id="session-auto-until" label={t("waitlist.autoUntil")} error={errors.auto_until_hours} hint={t("waitlist.autoUntilHint")}>
            {(control) => (
              <input {...control} type="number" min={0} step={1} inputMode="numeric" value={values.auto_until_hours} onChange={(event) => onChange("auto_until_hours", event.target.value)} />
            )}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
