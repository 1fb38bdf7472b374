/** The account page's "Reminders": reminder emails before each booked session, on or off (PATCH /auth/me). Saved as
 *  soon as the box is ticked or cleared; confirmations, changes and cancellations are emailed whatever it says. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useUpdateAccount } from "../api.js";
import { remindersLabel, remindersOff, remindersOn } from "../wording.js";

/** Reminders are on unless the account says otherwise (the API's default for every account). */
export const remindersEnabled = (account) => account?.reminders_enabled !== false;

export function RemindersSection({ account }) {
  const { t } = useTranslation("account");
  const update = useUpdateAccount();
  const [said, setSaid] = useState(null);
  // While saving, the box shows what was asked for (set in the click's own render: the mutation's pending state
  // arrives a tick later, and a controlled box would flick back meanwhile); otherwise what the server holds.
  const [asked, setAsked] = useState(null);
  const checked = asked ?? remindersEnabled(account);

  const onChange = (event) => {
    if (asked !== null || update.isPending) return; // one change at a time
    const wanted = event.target.checked;
    setSaid(null);
    setAsked(wanted);
    update.mutate(
      { reminders_enabled: wanted },
      { onSuccess: (answer) => setSaid((answer?.reminders_enabled ?? wanted) ? "on" : "off"), onSettled: () => setAsked(null) },
    );
  };

  return (
    <section aria-labelledby="reminders-heading" className="card account-section">
      <h2 id="reminders-heading">{t("reminders.heading")}</h2>
      <div className="check-field">
        <input
          type="checkbox"
          id="reminders-enabled"
          checked={checked}
          onChange={onChange}
          aria-describedby="reminders-help"
          aria-busy={asked !== null || undefined}
        />
        <label htmlFor="reminders-enabled">{remindersLabel()}</label>
      </div>
      <p id="reminders-help" className="muted small-text">
        {t("reminders.alwaysEmailed", { email: account.email })}
      </p>
      <p role="status" className="save-status">
        {update.isPending ? t("form.saving") : said && (said === "on" ? remindersOn() : remindersOff())}
      </p>
      <ErrorMessage error={update.error} title={t("reminders.notSaved")} />
    </section>
  );
}
