/** Studio settings → Language: the studio's default_language (en, hi or mr), what people who chose no language read
 *  from it; changed with studio.settings (PATCH /api/studios/<slug>), shown disabled to the others. The choices read
 *  in their own language's name, as the language switcher offers them. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Field } from "../../../components/Field.jsx";
import { LANGUAGES, languageOf } from "../../../lib/i18n.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useChangeStudioSettings, useStudioSettings } from "../api.js";

/** The studio's language as stored; English for a studio the API gives none (or one the app doesn't speak). */
const storedLanguage = (settings) => languageOf(settings?.default_language).code;

function LanguageForm({ current, canChange }) {
  const { t } = useTranslation("studios");
  const change = useChangeStudioSettings();
  const [language, setLanguage] = useState(current);
  const [saved, setSaved] = useState(null);
  const onSubmit = (event) => {
    event.preventDefault();
    if (change.isPending) return;
    setSaved(null);
    change.mutate({ default_language: language }, { onSuccess: (studio) => setSaved(t("settings.languageSaved", { language: languageOf(studio?.default_language ?? language).name })) });
  };
  return (
    <form className="form studio-language" onSubmit={onSubmit} aria-label={t("settings.languageTitle")}>
      <Field id="studio-default-language" label={t("settings.defaultLanguage")} hint={t("settings.defaultLanguageHint")}>
        {(control) => (
          <select {...control} name="default_language" value={language} onChange={(event) => setLanguage(event.target.value)} disabled={!canChange}>
            {LANGUAGES.map((one) => (
              <option key={one.code} value={one.code} lang={one.code}>
                {one.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SuccessMessage>{saved}</SuccessMessage>
      <ErrorMessage error={change.error} title={t("settings.languageNotSaved")} />
      {canChange ? (
        <div className="actions">
          <button type="submit" className="button" aria-disabled={change.isPending || undefined}>
            {change.isPending ? t("settings.languageSaving") : t("settings.languageSave")}
          </button>
        </div>
      ) : (
        <p className="muted small-text">{t("settings.languageOwnersOnly")}</p>
      )}
    </form>
  );
}

export function DefaultLanguage() {
  const { t } = useTranslation("studios");
  const { can } = useStudio();
  const settings = useStudioSettings();
  let body;
  if (settings.isPending) body = <Loading label={t("settings.languageLoading")} />;
  else if (settings.isError) body = <ErrorMessage error={settings.error} title={t("settings.languageNotLoaded")} onRetry={() => settings.refetch()} />;
  else body = <LanguageForm current={storedLanguage(settings.data)} canChange={can("studio.settings")} />;
  return (
    <section className="card studio-language-section" aria-labelledby="studio-language-heading">
      <h2 id="studio-language-heading">{t("settings.languageTitle")}</h2>
      {body}
    </section>
  );
}
