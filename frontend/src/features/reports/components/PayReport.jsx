/** The pay report: what each instructor earned over the range by their rate (a chart and its table) and each class's
 *  line, a page at a time, with the rates editor for who runs the reports. An instructor (reports.own) reads their
 *  own: the API answers with their classes only. */
import { useState } from "react";
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

function headlineOf(report) {
  const sum = (key) => report.instructors.reduce((total, one) => total + (one[key] ?? 0), 0);
  return [
    figure("Total pay", report.total_pay, undefined, (value) => formatAmount(value, report.currency)),
    figure("Classes", sum("classes"), undefined, formatCount),
    figure("Heads", sum("heads"), undefined, formatCount),
  ];
}

/** "Bar chart of pay by instructor, … : Asha Verma ₹15,000, Ravi Rao ₹9,000." */
function chartSummary(report) {
  const ranked = [...report.instructors].sort((a, b) => b.pay - a.pay);
  const named = ranked.slice(0, MOST_NAMED).map((one) => `${one.name} ${formatAmount(one.pay, report.currency)}`);
  const more = ranked.length > MOST_NAMED ? ` and ${ranked.length - MOST_NAMED} more` : "";
  const list = named.length ? `: ${named.join(", ")}${more}` : ": no classes taught";
  return `Bar chart of pay by instructor, ${dayLabel(report.from)} to ${dayLabel(report.to)}${list}.`;
}

/** "Classes 101–200 of 4,000": where the page shown sits among the range's classes. */
function linesPosition({ page, per_page: perPage, lines_total: total }) {
  const first = (page - 1) * perPage + 1;
  const last = Math.min(page * perPage, total);
  if (first > last) return `No classes on this page, ${formatCount(total)} in all`; // the range lost classes since
  return `Classes ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`;
}

/** Each class's line, with Previous / Next when the range holds more classes than a page. */
function ClassLines({ report, timeZone, busy, onPage }) {
  const money = (key) => (row) => formatAmount(row[key], report.currency);
  const paged = Number.isFinite(report.lines_total) && report.lines_total > report.per_page;
  return (
    <>
      <h2>By class</h2>
      <DataTable
        caption="Pay by class"
        columns={[
          column("title", "Class", (row) => row.title, false),
          column("when", "When", (row) => formatDateTime(row.starts_at, { timeZone, label: true }), false),
          column("instructor", "Instructor", (row) => row.instructor, false),
          column("heads", "Heads", (row) => formatCount(row.heads)),
          column("net_revenue", "Net revenue", money("net_revenue")),
          column("pay", "Pay", money("pay")),
        ]}
        rows={report.lines}
        rowKey={(row) => row.session_id}
        empty="No classes taught in this range."
        tall
      />
      {paged && (
        <Pagination
          page={report.page}
          pages={Math.ceil(report.lines_total / report.per_page)}
          onPage={onPage}
          busy={busy}
          label="Pay by class pages"
          status={linesPosition(report)}
        />
      )}
    </>
  );
}

function Pay({ report, timeZone, busy, onPage }) {
  const money = (key) => (row) => formatAmount(row[key], report.currency);
  const data = report.instructors.map((one) => ({ name: one.name, value: one.pay }));
  return (
    <>
      <Headline items={headlineOf(report)} span={report} />
      <h2>Pay by instructor</h2>
      {data.length > 0 && <NamedBarsChart summary={chartSummary(report)} data={data} format={(value) => formatCompactMoney(value, report.currency)} />}
      <DataTable
        caption="Pay by instructor"
        columns={[
          column("name", "Instructor", (row) => row.name, false),
          column("rate", "Rate", (row) => rateText(row.rate, report.currency), false),
          column("classes", "Classes", (row) => formatCount(row.classes)),
          column("heads", "Heads", (row) => formatCount(row.heads)),
          column("net_revenue", "Net revenue", money("net_revenue")),
          column("pay", "Pay", money("pay")),
        ]}
        rows={report.instructors}
        rowKey={(row) => row.instructor_id}
        empty="No classes taught in this range."
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
