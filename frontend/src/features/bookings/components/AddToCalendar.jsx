/** "Add to calendar" for one active booking: its ICS file (fetched with the token) and a Google Calendar link. */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { paths } from "../../../lib/paths.js";
import { useDownloadBookingCalendar } from "../api.js";
import { bookingCalendarEntry, googleCalendarUrl } from "../calendar-links.js";

/** booking: {id, session, event}; describedBy: ids of what names the booking (its title and time), for each control. */
export function AddToCalendar({ booking, describedBy }) {
  const { t } = useTranslation("bookings");
  const labelId = useId();
  const download = useDownloadBookingCalendar(booking.id);
  const bookingsUrl = new URL(paths.myBookings, window.location.origin).href;
  const googleUrl = googleCalendarUrl(bookingCalendarEntry(booking, { bookingsUrl }));
  return (
    <div className="add-to-calendar">
      <div role="group" aria-labelledby={labelId} className="actions">
        <span id={labelId} className="add-to-calendar-label">
          {t("calendar.add")}
        </span>
        <button
          type="button"
          className="button secondary small"
          onClick={() => !download.isPending && download.mutate()}
          aria-disabled={download.isPending || undefined}
          aria-busy={download.isPending}
          aria-describedby={describedBy}
        >
          {t("calendar.download")}
        </button>
        {googleUrl && (
          <a className="button secondary small" href={googleUrl} target="_blank" rel="noopener noreferrer" aria-describedby={describedBy}>
            {t("calendar.google")} <span className="visually-hidden">{t("calendar.newTab")}</span>
          </a>
        )}
      </div>
      <ErrorMessage error={download.error} title={t("calendar.downloadError")} />
    </div>
  );
}
