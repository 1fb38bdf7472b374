/** On My bookings, for a booking that is on: "Check-in code", which shows the QR code and the 8-character code of
 *  each of its seats (the person's and their guests'), to show or read out at the door. */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useTickets } from "../api.js";
import { hasCheckinCodes, spacedCode } from "../tickets.js";
import "../checkin.css";

function TicketsDialog({ booking, title, onClose }) {
  const { t } = useTranslation("checkin");
  const tickets = useTickets(booking.id, { enabled: true });
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
    if (event.key === "Tab") {
      event.preventDefault(); // one button to be on: focus stays in the dialog
      closeRef.current?.focus();
    }
  };
  const seats = tickets.data?.seats ?? [];
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog ticket-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{t("codes.heading")}</h2>
        <p className="muted">{t("codes.intro", { title })}</p>
        {tickets.isPending && <Loading label={t("codes.loading")} />}
        <ErrorMessage error={tickets.error} title={t("codes.loadFailed")} onRetry={() => tickets.refetch()} />
        {seats.length > 0 && (
          <ul className="ticket-list">
            {seats.map((seat) => (
              <li key={seat.seat} className="ticket">
                <strong>{seats.length > 1 ? (seat.seat === 1 ? t("codes.you", { name: seat.name }) : seat.name) : seat.name}</strong>
                <img src={seat.qr_svg} alt={t("codes.qr", { name: seat.name })} />
                <span className="ticket-code">{spacedCode(seat.code)}</span>
                {seat.checked_in_at && <span className="pill active">{t("codes.checkedIn")}</span>}
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="button secondary" onClick={onClose}>
            {t("codes.close")}
          </button>
        </div>
      </div>
    </div>
  );
}

export function CheckinCodesButton({ booking, describedBy }) {
  const { t } = useTranslation("checkin");
  const [open, setOpen] = useState(false);
  if (!hasCheckinCodes(booking)) return null;
  return (
    <>
      <button type="button" className="button secondary small" onClick={() => setOpen(true)} aria-describedby={describedBy}>
        {t("codes.button")}
      </button>
      {open && <TicketsDialog booking={booking} title={booking.event?.title ?? t("codes.yourBooking")} onClose={() => setOpen(false)} />}
    </>
  );
}
