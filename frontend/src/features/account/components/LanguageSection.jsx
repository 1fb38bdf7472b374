/** The account page's "Language": the language the app, and the emails and texts sent to the person, are in (PATCH
 *  /auth/me {language}). Choosing one switches the app at once; the account keeps it for every device it signs in on. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { LANGUAGES, setLanguage } from "../../../lib/i18n.js";
import { useUpdateAccount } from "../api.js";
import { languageSaved } from "../wording.js";

/** The language shown as chosen: the app's when it is a real one (not a developer's pseudo-language), else the account's. */
function chosenLanguage(appLanguage, account) {
  if (LANGUAGES.some((language) => language.code === appLanguage)) return appLanguage;
  return account.language ?? LANGUAGES[0].code;
}

export function LanguageSection({ account }) {
  const { t, i18n } = useTranslation("account");
  const { updateUser } = useAuth();
  const update = useUpdateAccount();
  const [saved, setSaved] = useState(false);

  const onChange = async (event) => {
    const code = event.target.value;
    setSaved(false);
    await setLanguage(code);
    update.mutate({ language: code }, {
      onSuccess: (answer) => {
        updateUser({ language: answer?.language ?? code });
        setSaved(true);
      },
    });
  };

  return (
    <section aria-labelledby="language-heading" className="card account-section">
      <h2 id="language-heading">{t("language.heading")}</h2>
      <div className="field">
        <label htmlFor="account-language">{t("language.label")}</label>
        <select id="account-language" value={chosenLanguage(i18n.language, account)} onChange={onChange} aria-describedby="account-language-help">
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.name}
            </option>
          ))}
        </select>
        <p id="account-language-help" className="field-hint">
          {t("language.help")}
        </p>
      </div>
      <p role="status" className="save-status">
        {update.isPending ? t("form.saving") : saved && languageSaved()}
      </p>
      <ErrorMessage error={update.error} title={t("language.notSaved")} />
    </section>
  );
}
