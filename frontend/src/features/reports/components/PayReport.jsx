/** The pay report: what each instructor earned over the range by their rate (a chart and its table) and each class's
 *  line, a page at a time, with the rates editor for who runs the reports. An instructor (reports.own) reads their
 *  own: the API answers with their classes only. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useInstructorRates } from "../api.js";
import { dayLabel, reportQuery } from "../range.js";
import { formatCompactMoney, formatCount, rateText } from "../wording.js";
import { NamedBarsChart } from "./Charts.jsx";
import { column, DataTable } from "./DataTable.jsx";
import { figure, Headline } from "./Headline.jsx";
import { RatesEditor } from "./RatesEditor.jsx";
import { ReportFrame } from "./ReportFrame.jsx";

const MOST_NAMED = 8; // a summary names this many instructors, the best paid first

function headlineOf(report, t) {
  const sum = (key) => report.instructors.reduce((total, one) => total + (one[key] ?? 0), 0);
  return [
    figure(t("pay.figures.totalPay"), report.total_pay, undefined, (value) => formatAmount(value, report.currency)),
    figure(t("pay.figures.classes"), sum("classes"), undefined, formatCount),
    figure(t("pay.figures.heads"), sum("heads"), undefined, formatCount),
  ];
}

/** "Bar chart of pay by instructor, … : Asha Verma ₹15,000, Ravi Rao ₹9,000." */
function chartSummary(report, t) {
  const ranked = [...report.instructors].sort((a, b) => b.pay - a.pay);
  const named = ranked.slice(0, MOST_NAMED).map((one) => t("pay.chartItem", { name: one.name, pay: formatAmount(one.pay, report.currency) }));
  const values = { from: dayLabel(report.from), to: dayLabel(report.to), list: named.join(", ") };
  if (!named.length) return t("pay.chartNone", values);
  if (ranked.length > MOST_NAMED) return t("pay.chartMore", { ...values, more: formatCount(ranked.length - MOST_NAMED) });
  return t("pay.chart", values);
}

/** "Classes 101–200 of 4,000": where the page shown sits among the range's classes. */
function linesPosition({ page, per_page: perPage, lines_total: total }, t) {
  const first = (page - 1) * perPage + 1;
  const last = Math.min(page * perPage, total);
  if (first > last) return t("pay.lines.emptyPage", { total: formatCount(total) }); // the range lost classes since
  return t("pay.lines.position", { first: formatCount(first), last: formatCount(last), total: formatCount(total) });
}

/** Each class's line, with Previous / Next when the range holds more classes than a page. */
function ClassLines({ report, timeZone, busy, onPage }) {
  const { t } = useTranslation("reports");
  const money = (key) => (row) => formatAmount(row[key], report.currency);
  const paged = Number.isFinite(report.lines_total) && report.lines_total > report.per_page;
  return (
    <>
      <h2>{t("pay.lines.title")}</h2>
      <DataTable
        caption={t("pay.lines.caption")}
        columns={[
          column("title", t("pay.columns.class"), (row) => row.title, false),
          column("when", t("pay.columns.when"), (row) => formatDateTime(row.starts_at, { timeZone, label: true }), false),
          column("instructor", t("table.instructor"), (row) => row.instructor, false),
          column("heads", t("pay.figures.heads"), (row) => formatCount(row.heads)),
          column("net_revenue", t("pay.columns.netRevenue"), money("net_revenue")),
          column("pay", t("charts.pay"), money("pay")),
        ]}
        rows={report.lines}
        rowKey={(row) => row.session_id}
        empty={t("pay.noClasses")}
        tall
      />
      {paged && (
        <Pagination
          page={report.page}
          pages={Math.ceil(report.lines_total / report.per_page)}
          onPage={onPage}
          busy={busy}
          label={t("pay.lines.pages")}
          status={linesPosition(report, t)}
        />
      )}
    </>
  );
}

function Pay({ report, timeZone, busy, onPage }) {
  const { t } = useTranslation("reports");
  const money = (key) => (row) => formatAmount(row[key], report.currency);
  const data = report.instructors.map((one) => ({ name: one.name, value: one.pay }));
  return (
    <>
      <Headline items={headlineOf(report, t)} span={report} />
      <h2>{t("pay.byInstructor")}</h2>
      {data.length > 0 && <NamedBarsChart summary={chartSummary(report, t)} data={data} format={(value) => formatCompactMoney(value, report.currency)} />}
      <DataTable
        caption={t("pay.byInstructor")}
        columns={[
          column("name", t("table.instructor"), (row) => row.name, false),
          column("rate", t("pay.columns.rate"), (row) => rateText(row.rate, report.currency), false),
          column("classes", t("pay.figures.classes"), (row) => formatCount(row.classes)),
          column("heads", t("pay.figures.heads"), (row) => formatCount(row.heads)),
          column("net_revenue", t("pay.columns.netRevenue"), money("net_revenue")),
          column("pay", t("charts.pay"), money("pay")),
        ]}
        rows={report.instructors}
        rowKey={(row) => row.instructor_id}
        empty={t("pay.noClasses")}
      />
      <ClassLines report={report} timeZone={timeZone} busy={busy} onPage={onPage} />
    </>
  );
}

/** The page of class lines chosen, kept with the range it was chosen in: another range or instructor opens page 1. */
function useLinesPage(range) {
  const key = JSON.stringify(reportQuery("pay", range));
  const [chosen, setChosen] = useState({ key, page: 1 });
  return [chosen.key === key ? chosen.page : 1, (page) => setChosen({ key, page })];
}

/** canManage: reports.view (the rates, and choosing one instructor); else an instructor's own pay. */
export function PayReport({ range, onApply, canManage }) {
  const { studio, can } = useStudio();
  const rates = useInstructorRates({ enabled: canManage });
  const [page, setPage] = useLinesPage(range);
  return (
    <>
      <ReportFrame name="pay" range={range} onApply={onApply} periods={false} instructors={canManage ? (rates.data ?? []) : null} page={page}>
        {(report, query, busy) => <Pay report={report} timeZone={studio?.timezone} busy={busy} onPage={setPage} />}
      </ReportFrame>
      {canManage && <RatesEditor rates={rates} currency={studio?.currency ?? "INR"} canChange={can("pay.rates")} />}
    </>
  );
}
