/** Where a session happens, for its staff: "Online · video link" (the link opening in a new tab), "In person and
 *  online · no video link yet" (so a missing link is seen before the day), or, with `always`, "In person". */
import { Trans, useTranslation } from "react-i18next";
import { staffModeText } from "../session-place.js";

/** session: a ManagedSession ({mode, video_url}); label: what the link's accessible name adds (which session's it is);
 *  always: say "In person" too (the session page's facts; a table row says nothing for the default). */
export function SessionPlace({ session, label, always = false }) {
  const { t } = useTranslation("programme");
  const mode = session.mode ?? "in_person";
  if (mode === "in_person" && !always) return null;
  return (
    <span className="session-place">
      {staffModeText(mode)}
      {mode !== "in_person" && (
        <>
          {" · "}
          {session.video_url ? (
            <a href={session.video_url} target="_blank" rel="noopener noreferrer">
              <Trans t={t} i18nKey={label ? "sessionPlace.linkFor" : "sessionPlace.link"} values={{ label }} components={{ hidden: <span className="visually-hidden" /> }} />
            </a>
          ) : (
            <span className="session-place-missing">{t("sessionPlace.noLink")}</span>
          )}
        </>
      )}
    </span>
  );
}
