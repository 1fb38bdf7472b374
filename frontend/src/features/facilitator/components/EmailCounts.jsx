/** "Emails: 12 sent · 1 pending · 0 failed" for one session's bookings, the failed ones in the danger colour when
 *  there are any; nothing when the session carries no counts (the API's `emails` is optional). */
import { emailCounts } from "../wording.js";

export function EmailCounts({ emails }) {
  const counts = emailCounts(emails);
  if (!counts) return null;
  return (
    <span className="email-counts">
      {counts.text} · <span className={counts.hasFailed ? "email-failed" : undefined}>{counts.failed}</span>
    </span>
  );
}
