/** /facilitator/privates/hours: a teacher's own weekly hours and days off here (when clients can book them for a
 *  private), and their own calendar, whose busy times keep those slots free and which gets their classes and
 *  privates written to it (appointments.own). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { CalendarPanel } from "./CalendarPanel.jsx";
import { HoursEditor } from "./HoursEditor.jsx";
import "../privates.css";

export function MyHoursPage() {
  const { t } = useTranslation("privates");
  usePageTitle(t("hours.title"));
  const { studio } = useStudio();
  return (
    <section className="page my-hours">
      <h1>{t("hours.title")}</h1>
      <p className="muted">{t("hours.intro", { zone: studio?.timezone ?? "" })}</p>
      <p>
        <Link to={paths.privatesBoard}>{t("hours.toBoard")}</Link>
      </p>
      <HoursEditor />
      <h2>{t("calendar.title")}</h2>
      <p className="muted">{t("calendar.intro")}</p>
      <CalendarPanel />
    </section>
  );
}
