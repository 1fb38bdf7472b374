/** The pay report: what each instructor earned over the range by their rate (a chart and its table) and each class's
 *  line, with the rates editor for who runs the reports. An instructor (reports.own) reads their own: the API answers
 *  with their classes only. */
import { formatDateTime } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useInstructorRates } from "../api.js";
import { dayLabel } from "../range.js";
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

function Pay({ report, timeZone }) {
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
    </>
  );
}

/** canManage: reports.view (the rates, and choosing one instructor); else an instructor's own pay. */
export function PayReport({ range, onApply, canManage }) {
  const { studio, can } = useStudio();
  const rates = useInstructorRates({ enabled: canManage });
  return (
    <>
      <ReportFrame name="pay" range={range} onApply={onApply} periods={false} instructors={canManage ? (rates.data ?? []) : null}>
        {(report) => <Pay report={report} timeZone={studio?.timezone} />}
      </ReportFrame>
      {canManage && <RatesEditor rates={rates} currency={studio?.currency ?? "INR"} canChange={can("pay.rates")} />}
    </>
  );
}
