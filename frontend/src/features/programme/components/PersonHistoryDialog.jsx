/** A person's history with my sessions, in a dialog from the registrants list: their totals (booked, attended,
 *  no-shows, late cancels) and each booking, newest first. Escape or "Close" ends it; focus returns where it was. */
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { usePersonAttendance } from "../attendance-api.js";

const TOTALS = [
  ["booked", "history.booked"],
  ["attended", "history.attended"],
  ["no_shows", "history.noShows"],
  ["late_cancels", "history.lateCancels"],
];

/** The key of what became of one booking. */
function visitKey(visit) {
  if (visit.status === "cancelled") return visit.late_cancel ? "history.visit.cancelledLate" : "history.visit.cancelled";
  if (visit.attendance === "attended") return "history.visit.attended";
  if (visit.attendance === "no_show") return "history.visit.noShow";
  return "history.visit.booked";
}

function History({ userId }) {
  const { t } = useTranslation("programme");
  const person = usePersonAttendance(userId);
  if (person.isPending) return <Loading label={t("history.loading")} />;
  if (person.isError) return <ErrorMessage error={person.error} title={t("history.loadFailed")} onRetry={() => person.refetch()} />;
  const data = person.data;
  return (
    <>
      <p className="muted">{data.email}</p>
      <dl className="facts">
        {TOTALS.map(([key, label]) => (
          <div key={key}>
            <dt>{t(label)}</dt>
            <dd>{data[key]}</dd>
          </div>
        ))}
      </dl>
      <ul className="history-list" aria-label={t("history.list")}>
        {data.items.map((visit) => (
          <li key={visit.booking_id}>
            <strong>{visit.title}</strong> · {formatDateTime(visit.starts_at, { label: true })} · {t(visitKey(visit))}
            {visit.seats > 1 && ` ${t("history.seats", { count: visit.seats })}`}
          </li>
        ))}
      </ul>
    </>
  );
}

/** person: {user_id, name} from the registrants list. */
export function PersonHistoryDialog({ person, onClose }) {
  const { t } = useTranslation("programme");
  const titleId = useId();
  const closeRef = useRef(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  const onKeyDown = (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog history-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{t("history.title", { name: person.name })}</h2>
        <History userId={person.user_id} />
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="button secondary" onClick={onClose}>
            {t("history.close")}
          </button>
        </div>
      </div>
    </div>
  );
}
