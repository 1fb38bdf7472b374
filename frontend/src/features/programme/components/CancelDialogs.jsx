/** Confirming the cancellation of an event or of one session: who will be emailed, an optional reason, a refusal. */
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { formatEventRange } from "../../../lib/format.js";
import { useCancelEvent, useCancelSession } from "../api.js";
import { activeBookings } from "../schedule.js";
import { refundLine, toldLine } from "../wording.js";
import { ReasonField } from "./ReasonField.jsx";

/** what: "event" | "session"; cancel: its mutation ({reason} → {bookings_cancelled}); children: who is affected. */
function CancelDialog({ what, cancel, onCancelled, onClose, children }) {
  const { t } = useTranslation("programme");
  const [reason, setReason] = useState("");
  // The promise, not mutate's own onSuccess: that one is dropped when the dialog unmounts first, as it does when a
  // live update shows the page the cancelled event before the answer arrives. A refusal shows as cancel.error.
  const confirm = () =>
    cancel.mutateAsync({ reason: reason.trim() }).then(
      (answer) => onCancelled(answer.bookings_cancelled ?? 0),
      () => {},
    );
  return (
    <ConfirmDialog
      title={t("cancelDialog.title", { what })}
      confirmLabel={t("cancelDialog.confirm", { what })}
      cancelLabel={t("cancelDialog.keep", { what })}
      danger
      busy={cancel.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{children}</p>
      <ReasonField value={reason} onChange={setReason} disabled={cancel.isPending} />
      <ErrorMessage error={cancel.error} title={t("cancelDialog.failed", { what })} />
    </ConfirmDialog>
  );
}

export function CancelEventDialog({ event, onCancelled, onClose }) {
  const { t } = useTranslation("programme");
  const cancel = useCancelEvent(event.id);
  return (
    <CancelDialog what="event" cancel={cancel} onCancelled={onCancelled} onClose={onClose}>
      <Trans t={t} i18nKey="cancelDialog.event" values={{ title: event.title }} components={{ strong: <strong /> }} />{" "}
      {toldLine(activeBookings(event), t("cancelDialog.nobodyEvent"))}
      {refundLine(event.sessions ?? [])}
    </CancelDialog>
  );
}

/** timeZone: the event's, which the session's time reads in. */
export function CancelSessionDialog({ session, timeZone, onCancelled, onClose }) {
  const { t } = useTranslation("programme");
  const cancel = useCancelSession(session.id);
  return (
    <CancelDialog what="session" cancel={cancel} onCancelled={onCancelled} onClose={onClose}>
      <Trans t={t} i18nKey="cancelDialog.session" values={{ when: formatEventRange(session.starts_at, session.ends_at, timeZone) }} components={{ strong: <strong /> }} />{" "}
      {toldLine(session.seats_taken, t("cancelDialog.nobodySession"))}
      {refundLine([session])}
    </CancelDialog>
  );
}
