/** A booking's reminder emails in one line: when they will go, on the event's clocks, or that none will (with the
 *  way to the setting); nothing when there is nothing to say (see remindersToShow). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { remindersText, remindersToShow } from "../reminders.js";

/** booking: with reminders_at, session and event (its timezone). */
export function ReminderLine({ booking }) {
  const { t } = useTranslation("bookings");
  const times = remindersToShow(booking);
  if (times === null) return null;
  return (
    <p className="booking-reminders">
      {times.length > 0 ? (
        remindersText(times, booking.event?.timezone)
      ) : (
        <>
          {t("reminders.none")} <Link to={paths.account}>{t("reminders.settings")}</Link>
        </>
      )}
    </p>
  );
}
