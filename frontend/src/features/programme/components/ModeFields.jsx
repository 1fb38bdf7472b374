/** Where a session happens (its `mode`: in person, online or both) and, for an online or hybrid one, its video link:
 *  what the create, edit and series forms share. Only the people booked reach the link, through their join link. */
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/Field.jsx";
import { MODE_CHOICES, MAX_VIDEO_URL } from "../session-place.js";

/** The placeholder: the scheme a link must start with (not a word to translate). */
const LINK_START = "https://";

/** idPrefix: the fields' ids (`${idPrefix}-mode`, `${idPrefix}-video-url`); values: {mode, video_url}; onChange(field,
 *  value); errors: {mode, video_url}. */
export function ModeFields({ idPrefix, values, onChange, errors = {} }) {
  const { t } = useTranslation("programme");
  const online = values.mode !== "in_person";
  return (
    <div className="row">
      <Field id={`${idPrefix}-mode`} label={t("modeFields.where")} error={errors.mode}>
        {(control) => (
          <select {...control} value={values.mode} onChange={(event) => onChange("mode", event.target.value)}>
            {MODE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {online && (
        <Field id={`${idPrefix}-video-url`} label={t("modeFields.videoLink")} error={errors.video_url} hint={t("modeFields.videoHint")}>
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              maxLength={MAX_VIDEO_URL}
              autoComplete="off"
              placeholder={LINK_START}
              value={values.video_url}
              onChange={(event) => onChange("video_url", event.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  );
}
