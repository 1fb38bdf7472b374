/** The account page's "Reminders": reminder emails before each booked session, on or off (PATCH /auth/me). Saved as
 *  soon as the box is ticked or cleared; confirmations, changes and cancellations are emailed whatever it says. */
import { useState } from "react";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useUpdateAccount } from "../api.js";

export const REMINDERS_LABEL = "Email me a reminder 24 hours and 2 hours before each session I book";
export const REMINDERS_ON = "Saved: reminders are on.";
export const REMINDERS_OFF = "Saved: reminders are off.";

/** Reminders are on unless the account says otherwise (the API's default for every account). */
export const remindersEnabled = (account) => account?.reminders_enabled !== false;

export function RemindersSection({ account }) {
  const update = useUpdateAccount();
  const [said, setSaid] = useState(null);
  // While saving, the box shows what was asked for; otherwise what the server holds.
  const checked = update.isPending ? update.variables.reminders_enabled : remindersEnabled(account);

  const onChange = (event) => {
    if (update.isPending) return; // one change at a time
    const wanted = event.target.checked;
    setSaid(null);
    update.mutate({ reminders_enabled: wanted }, { onSuccess: (answer) => setSaid((answer?.reminders_enabled ?? wanted) ? REMINDERS_ON : REMINDERS_OFF) });
  };

  return (
    <section aria-labelledby="reminders-heading" className="card account-section">
      <h2 id="reminders-heading">Reminders</h2>
      <div className="check-field">
        <input
          type="checkbox"
          id="reminders-enabled"
          checked={checked}
          onChange={onChange}
          aria-describedby="reminders-help"
          aria-busy={update.isPending || undefined}
        />
        <label htmlFor="reminders-enabled">{REMINDERS_LABEL}</label>
      </div>
      <p id="reminders-help" className="muted small-text">
        Confirmations, changes and cancellations of your bookings are always emailed to {account.email}.
      </p>
      <p role="status" className="save-status">
        {update.isPending ? "Saving…" : said}
      </p>
      <ErrorMessage error={update.error} title="Your choice was not saved." />
    </section>
  );
}
