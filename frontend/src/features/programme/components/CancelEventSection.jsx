/** The foot of an event's page, set apart from the everyday forms: cancelling the whole event, after a confirmation. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { activeBookings } from "../schedule.js";
import { refundLine, toldLine } from "../wording.js";
import { CancelEventDialog } from "./CancelDialogs.jsx";

/** event: the saved event; onCancelled(told): after the cancellation, with how many people are being emailed. */
export function CancelEventSection({ event, onCancelled }) {
  const { t } = useTranslation("programme");
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="cancel-event-heading" className="session-section danger-zone">
      <h2 id="cancel-event-heading">{t("cancelEvent.heading")}</h2>
      <p id="cancel-event-note">
        {t("cancelEvent.note")} {toldLine(activeBookings(event), t("cancelEvent.nobodyYet"))}
        {refundLine(event.sessions ?? [])}
      </p>
      <button type="button" className="button danger" onClick={() => setConfirming(true)} aria-describedby="cancel-event-note">
        {t("cancelEvent.button")}
      </button>
      {confirming && (
        <CancelEventDialog
          event={event}
          onClose={() => setConfirming(false)}
          onCancelled={(told) => {
            setConfirming(false);
            onCancelled(told);
          }}
        />
      )}
    </section>
  );
}
