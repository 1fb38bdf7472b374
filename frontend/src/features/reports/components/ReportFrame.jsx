/** What every report shares: its range form and CSV, reading it, and the loading and error states around it. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useReport } from "../api.js";
import { reportQuery } from "../range.js";
import { ReportControls } from "./ReportControls.jsx";

/** A refusal of the range asked for (report_range_invalid, a date the API can't read): the form's to fix. */
const refusedRange = (error) => error?.status === 400;

/**
 * name: the report's; range and onApply: the page's; periods: whether it has Group by; instructors: pay's choice
 * (or null); page: pay's page of class lines; children(report, query, busy) draws the report once read (busy: the
 * next range or page is on its way).
 */
export function ReportFrame({ name, range, onApply, periods = true, instructors = null, page = 1, children }) {
  const { t } = useTranslation("reports");
  const query = reportQuery(name, range);
  const report = useReport(name, query, page);
  const refused = refusedRange(report.error) ? report.error : null;
  let body = null;
  if (report.data) body = children(report.data, query, report.isFetching);
  else if (report.isPending) body = <Loading label={t("frame.loading", { report: name })} />;
  else if (!refused) body = <ErrorMessage error={report.error} title={t("frame.notLoaded")} onRetry={() => report.refetch()} />;
  return (
    <>
      <ReportControls
        key={JSON.stringify(range)}
        name={name}
        range={range}
        query={query}
        periods={periods}
        instructors={instructors}
        error={refused}
        onApply={onApply}
      />
      <div className="report-body" aria-busy={report.isFetching || undefined}>
        {body}
      </div>
    </>
  );
}
