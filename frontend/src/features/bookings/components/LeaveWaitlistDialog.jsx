/** Confirming that one leaves a waiting list (from the event page or My bookings): the place is lost. */
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { formatEventRange } from "../../../lib/format.js";

/** place: {position, session, event, for}, as GET /bookings lists it under `waiting` (for: the child it is for). */
export function LeaveWaitlistDialog({ place, busy, onConfirm, onCancel }) {
  const { t } = useTranslation("bookings");
  const when = formatEventRange(place.session?.starts_at, place.session?.ends_at, place.event?.timezone);
  return (
    <ConfirmDialog title={place.for ? t("leaveDialog.titleChild", { name: place.for.name }) : t("leaveDialog.title")} confirmLabel={t("leaveDialog.confirm")} cancelLabel={t("leaveDialog.stay")} danger busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        <Trans t={t} i18nKey={place.for ? "leaveDialog.bodyChild" : "leaveDialog.body"} values={{ position: place.position, title: place.event?.title, when, name: place.for?.name }} components={{ strong: <strong /> }} />
      </p>
      <p className="muted">{t("leaveDialog.lose")}</p>
    </ConfirmDialog>
  );
}
