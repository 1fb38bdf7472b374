/** Confirming that one guest's seat is given back: who, what happens to the money, and that the rest stays booked. */
import { Trans, useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/ConfirmDialog.jsx";
import { guestCancelMoneyText } from "../payment-status.js";

export function CancelGuestDialog({ booking, guest, busy, onConfirm, onCancel }) {
  const { t } = useTranslation("bookings");
  const money = guestCancelMoneyText(booking);
  return (
    <ConfirmDialog title={t("guestDialog.title", { name: guest.name })} confirmLabel={t("guestDialog.confirm")} cancelLabel={t("guestDialog.keep")} danger busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      <p>
        <Trans
          t={t}
          i18nKey={booking.seats > 2 ? "guestDialog.bodyOthers" : "guestDialog.body"}
          values={{ name: guest.name, title: booking.event?.title }}
          components={{ strong: <strong /> }}
        />
      </p>
      {guest.email && <p className="muted">{t("guestDialog.emailed", { name: guest.name })}</p>}
      {money && <p className="booking-terms">{money}</p>}
    </ConfirmDialog>
  );
}
