/** The navbar's language choice: the app switches at once, the device remembers it, and a signed-in person's account
 *  keeps it (PATCH /auth/me {language}) so emails and texts come in it too. An account's language, once known, wins
 *  on every device it signs in on. */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../lib/auth.jsx";
import { LANGUAGES, PSEUDO_LANGUAGES, setLanguage } from "../lib/i18n.js";

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation("common");
  const { user, api, updateUser, devTools } = useAuth();
  const accountLanguage = user?.language ?? null;

  // Applied when the account's language becomes known or changes, not on every switch (a developer's pseudo-language).
  const applied = useRef(null);
  useEffect(() => {
    if (!accountLanguage || applied.current === accountLanguage) return;
    applied.current = accountLanguage;
    if (accountLanguage !== i18n.language) setLanguage(accountLanguage);
  }, [accountLanguage, i18n.language]);

  const choose = async (event) => {
    const code = event.target.value;
    await setLanguage(code);
    if (!user || PSEUDO_LANGUAGES.some((language) => language.code === code)) return;
    updateUser({ language: code });
    api.main.patch("/auth/me", { language: code }).catch(() => {}); // the device remembers it meanwhile
  };
  const choices = devTools ? [...LANGUAGES, ...PSEUDO_LANGUAGES] : LANGUAGES;
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t("language.label")}</span>
      <select value={i18n.language} onChange={choose}>
        {choices.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
