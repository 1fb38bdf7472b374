/** The notifications an inbox entry stands for (one action that touched many bookings), loaded once it is expanded. */
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { shownError, useBatchMembers } from "../api.js";
import { NotificationText } from "./NotificationText.jsx";

export function BatchMembers({ batchId, label }) {
  const members = useBatchMembers(batchId, { enabled: true });
  if (members.isPending) return <Loading label={`Loading the ${label}…`} />;
  if (members.isError && !members.data) return <ErrorMessage error={shownError(members.error)} onRetry={() => members.refetch()} />;
  const items = members.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? (
        <p className="muted small-text">Nothing to show yet.</p>
      ) : (
        <ul className="notification-members" aria-label={label}>
          {items.map((member) => (
            <li key={member.id} className="notification-member">
              <NotificationText item={member} />
            </li>
          ))}
        </ul>
      )}
      {members.isError && <ErrorMessage error={shownError(members.error)} title="Could not load more." />}
      {members.hasNextPage && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => !members.isFetchingNextPage && members.fetchNextPage()}
          aria-disabled={members.isFetchingNextPage || undefined}
        >
          Show more
        </button>
      )}
    </>
  );
}
