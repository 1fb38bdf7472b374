/** Booking from a studio's widget: a link to the app's own event page in a new tab, where the visitor signs in and
 *  books as anywhere else (the frame holds no sign-in and sets no cookie). */
import { useTranslation } from "react-i18next";
import { paths } from "../../../lib/paths.js";

/** event: the session's event ({id, title}); availability: event-display.js's. Nothing once booking is over. */
export function EmbedBookLink({ event, availability }) {
  const { t } = useTranslation("events");
  if (!availability.bookable && !availability.waitlist) return null;
  // The frame's own origin: the app's, whichever site frames it.
  const href = `${window.location.origin}${paths.event(event.id)}`;
  return (
    // noopener keeps the new tab from reaching the frame; the referrer stays (our own widget's address).
    // eslint-disable-next-line react/jsx-no-target-blank
    <a className="button primary small" href={href} target="_blank" rel="noopener">
      {availability.bookable ? t("embed.book") : t("embed.joinWaitlist")}{" "}
      <span className="visually-hidden">{availability.bookable ? t("embed.bookWhat", { title: event.title }) : t("embed.joinWaitlistWhat", { title: event.title })}</span>
    </a>
  );
}
