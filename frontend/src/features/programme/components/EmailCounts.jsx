/** "Emails: 12 sent · 1 pending · 0 failed" for one session's bookings, the failed ones in the danger colour when
 *  there are any; nothing when the session carries no counts (the API's `emails` is optional), nor for a role without
 *  money.view (delivery figures go with the money). */
import { useStudio } from "../../../lib/studio.jsx";
import { emailCounts } from "../wording.js";

export function EmailCounts({ emails }) {
  const { can } = useStudio();
  const counts = can("money.view") ? emailCounts(emails) : null;
  if (!counts) return null;
  return (
    <span className="email-counts">
      {counts.text} · <span className={counts.hasFailed ? "email-failed" : undefined}>{counts.failed}</span>
    </span>
  );
}
