/** One entry of a teacher's column on the board: a private (its service, client and booking, with moving it to another
 *  free slot and, with appointments.manage, cancelling it for the studio), or a class the teacher gives (its session
 *  page). */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useServices } from "../api.js";
import { useCancelForClient, useMoveForClient } from "../staff-api.js";
import { clockOf } from "../wording.js";
import { SlotPicker } from "./SlotPicker.jsx";

/** "09:00–10:00" on the studio's clock. */
const span = (entry, timeZone) => `${clockOf(entry.starts_at, timeZone)}–${clockOf(entry.ends_at, timeZone)}`;

/** Moving a private: its service's free times (any of its teachers), then the move. */
function MoveIt({ entry, onMoved }) {
  const { t } = useTranslation("privates");
  const { studio } = useStudio();
  const services = useServices(studio?.slug);
  const move = useMoveForClient();
  const [teacherId, setTeacherId] = useState(entry.teacher_id);
  const [slot, setSlot] = useState(null);
  const service = services.data?.find((one) => one.id === entry.service.id);
  if (services.isPending) return null;
  if (!service) return <p className="muted small-text">{t("board.cannotMove")}</p>;
  const submit = () => {
    if (!move.isPending) move.mutate({ appointmentId: entry.id, starts_at: slot.starts_at, teacher_id: slot.teacher.id }, { onSuccess: onMoved });
  };
  return (
    <div className="private-move">
      <SlotPicker slug={studio.slug} service={service} teacherId={teacherId} onTeacher={setTeacherId} chosen={slot} onChoose={setSlot} />
      <ErrorMessage error={move.error} title={t("board.notMoved")} />
      {slot && (
        <button type="button" className="button primary" onClick={submit} aria-disabled={move.isPending || undefined}>
          {move.isPending ? t("board.moving") : t("board.moveTo", { when: formatDateTime(slot.starts_at, { timeZone: slot.timezone }), teacher: slot.teacher.name })}
        </button>
      )}
    </div>
  );
}

/** The studio cancels: a reason the client reads, then everything paid and every credit back. */
function CancelIt({ entry, onClose }) {
  const { t } = useTranslation("privates");
  const cancel = useCancelForClient();
  const [reason, setReason] = useState("");
  const confirm = () => {
    if (!cancel.isPending) cancel.mutate({ appointmentId: entry.id, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <ConfirmDialog title={t("board.cancelTitle", { client: entry.client.name })} confirmLabel={t("board.cancelConfirm")} cancelLabel={t("board.keep")} danger busy={cancel.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>{t("board.cancelBody")}</p>
      <label className="field">
        <span>{t("board.reason")}</span>
        <textarea value={reason} maxLength={500} rows={3} onChange={(event) => setReason(event.target.value)} />
      </label>
      <ErrorMessage error={cancel.error} title={t("board.notCancelled")} />
    </ConfirmDialog>
  );
}

function PrivateEntry({ entry, timeZone }) {
  const { t } = useTranslation("privates");
  const { can } = useStudio();
  const [moving, setMoving] = useState(false);
  const [moved, setMoved] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const waiting = entry.booking.status === "pending_payment";
  return (
    <li className="board-entry board-private">
      <p className="board-time">{span(entry, timeZone)}</p>
      <p>
        <strong>{entry.service.name}</strong> · {entry.client.name}
      </p>
      <p className="muted small-text">{waiting ? t("board.waitingPayment") : entry.booking.with_pass ? t("board.paidWithPass") : t("board.booked")}</p>
      {moved && <SuccessMessage>{t("board.moved")}</SuccessMessage>}
      {can("appointments.board") && (
        <div className="actions">
          <button type="button" className="button secondary small" aria-expanded={moving} onClick={() => setMoving(!moving)} aria-label={t("board.moveOf", { client: entry.client.name, service: entry.service.name })}>
            {t("board.move")}
          </button>
          {can("appointments.manage") && (
            <button type="button" className="button danger small" onClick={() => setCancelling(true)} aria-label={t("board.cancelOf", { client: entry.client.name, service: entry.service.name })}>
              {t("board.cancel")}
            </button>
          )}
        </div>
      )}
      {moving && <MoveIt entry={entry} onMoved={() => { setMoving(false); setMoved(true); }} />}
      {cancelling && <CancelIt entry={entry} onClose={() => setCancelling(false)} />}
    </li>
  );
}

function ClassEntry({ entry, timeZone }) {
  const { t } = useTranslation("privates");
  const { can } = useStudio();
  return (
    <li className="board-entry board-class">
      <p className="board-time">{span(entry, timeZone)}</p>
      <p>
        <span className="board-tag">{t("board.class")}</span>{" "}
        {can("registrants.own") || can("desk.checkin") ? <Link to={paths.facilitatorSession(entry.session_id)}>{entry.title}</Link> : entry.title}
      </p>
    </li>
  );
}

export function BoardEntry({ entry, timeZone }) {
  return entry.kind === "private" ? <PrivateEntry entry={entry} timeZone={timeZone} /> : <ClassEntry entry={entry} timeZone={timeZone} />;
}
