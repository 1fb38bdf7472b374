/** A person's history with my sessions, in a dialog from the registrants list: their totals (booked, attended,
 *  no-shows, late cancels) and each booking, newest first. Escape or "Close" ends it; focus returns where it was. */
import { useEffect, useId, useRef } from "react";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { usePersonAttendance } from "../attendance-api.js";

const TOTALS = [
  ["booked", "Booked"],
  ["attended", "Attended"],
  ["no_shows", "No-shows"],
  ["late_cancels", "Late cancels"],
];

function visitText(visit) {
  if (visit.status === "cancelled") return visit.late_cancel ? "Cancelled late" : "Cancelled";
  if (visit.attendance === "attended") return "Attended";
  if (visit.attendance === "no_show") return "No-show";
  return "Booked";
}

function History({ userId }) {
  const person = usePersonAttendance(userId);
  if (person.isPending) return <Loading label="Loading their history…" />;
  if (person.isError) return <ErrorMessage error={person.error} title="The history could not be loaded." onRetry={() => person.refetch()} />;
  const data = person.data;
  return (
    <>
      <p className="muted">{data.email}</p>
      <dl className="facts">
        {TOTALS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{data[key]}</dd>
          </div>
        ))}
      </dl>
      <ul className="history-list" aria-label="Their bookings, newest first">
        {data.items.map((visit) => (
          <li key={visit.booking_id}>
            <strong>{visit.title}</strong> · {formatDateTime(visit.starts_at, { label: true })} · {visitText(visit)}
            {visit.seats > 1 && ` (${visit.seats} seats)`}
          </li>
        ))}
      </ul>
    </>
  );
}

/** person: {user_id, name} from the registrants list. */
export function PersonHistoryDialog({ person, onClose }) {
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
        <h2 id={titleId}>{person.name}'s attendance</h2>
        <History userId={person.user_id} />
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="button secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
