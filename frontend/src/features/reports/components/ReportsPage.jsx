/** /facilitator/reports: the current studio's reports (reports.view: revenue, attendance, clients and pay, with the
 *  instructors' rates) or an instructor's own pay (reports.own). The report, its days and periods live in the
 *  address (?report=&from=&to=&by=&instructor=), so a report can be linked and Back undoes a change of range. */
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, Loading } from "../../../components/Feedback.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { defaultRange, rangeOf, reportOf, REPORTS } from "../range.js";
import { AttendanceReport } from "./AttendanceReport.jsx";
import { ClientsReport } from "./ClientsReport.jsx";
import { PayReport } from "./PayReport.jsx";
import { ReportTabs } from "./ReportTabs.jsx";
import { RevenueReport } from "./RevenueReport.jsx";
import "../reports.css";

const PANELS = { revenue: RevenueReport, attendance: AttendanceReport, clients: ClientsReport, pay: PayReport };

export function ReportsPage() {
  const { t } = useTranslation("reports");
  usePageTitle(t("page.title"));
  const { studio, can, ready } = useStudio();
  if (!ready) return <Loading label={t("page.loading")} />;
  if (!studio) {
    return (
      <section className="page reports-page">
        <h1>{t("page.title")}</h1>
        <EmptyState title={t("page.noStudio")} />
      </section>
    );
  }
  return <StudioReports studio={studio} canManage={can("reports.view")} />;
}

/** The address's parameters with `changes` over them (an empty value drops its parameter). */
function withChanges(params, changes) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

function StudioReports({ studio, canManage }) {
  const { t } = useTranslation("reports");
  const [params, setParams] = useSearchParams();
  const names = canManage ? REPORTS : ["pay"];
  const shown = reportOf(params, names);
  const range = rangeOf(params, defaultRange(studio.timezone));
  const choose = (name) => setParams((old) => withChanges(old, { report: name }), { replace: true });
  const apply = ({ from, to, by, instructor }) => setParams((old) => withChanges(old, { report: shown, from, to, by, instructor }));
  const Panel = PANELS[shown];
  return (
    <section className="page reports-page">
      <h1>{t("page.title")}</h1>
      <p className="muted">{canManage ? t("page.introManage", { studio: studio.name }) : t("page.introOwn", { studio: studio.name })}</p>
      <ReportTabs names={names} shown={shown} onChoose={choose}>
        <Panel key={shown} range={range} onApply={apply} canManage={canManage} />
      </ReportTabs>
    </section>
  );
}
