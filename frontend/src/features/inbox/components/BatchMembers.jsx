/** The notifications an inbox entry stands for (one action that touched many bookings), loaded once it is expanded. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { shownError, useBatchMembers } from "../api.js";
import { NotificationText } from "./NotificationText.jsx";

export function BatchMembers({ batchId, label }) {
  const { t } = useTranslation("inbox");
  const members = useBatchMembers(batchId, { enabled: true });
  if (members.isPending) return <Loading label={t("batch.loading", { label })} />;
  if (members.isError && !members.data) return <ErrorMessage error={shownError(members.error)} onRetry={() => members.refetch()} />;
  const items = members.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? (
        <p className="muted small-text">{t("batch.empty")}</p>
      ) : (
        <ul className="notification-members" aria-label={label}>
          {items.map((member) => (
            <li key={member.id} className="notification-member">
              <NotificationText item={member} />
            </li>
          ))}
        </ul>
      )}
      {members.isError && <ErrorMessage error={shownError(members.error)} title={t("batch.moreFailed")} />}
      {members.hasNextPage && (
        <button
          type="button"
          className="button secondary small"
          onClick={() => !members.isFetchingNextPage && members.fetchNextPage()}
          aria-disabled={members.isFetchingNextPage || undefined}
        >
          {t("batch.more")}
        </button>
      )}
    </>
  );
}
