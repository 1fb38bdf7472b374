/** The clients report: who came (new and returning) against the range before, by period (a chart and its table), how
 *  many of each month's new clients came back, and how memberships held. */
import { dayLabel, monthLabel, periodLabel, periodTick } from "../range.js";
import { formatCount, formatRate } from "../wording.js";
import { PeriodChart } from "./Charts.jsx";
import { column, DataTable } from "./DataTable.jsx";
import { figure, Headline } from "./Headline.jsx";
import { ReportFrame } from "./ReportFrame.jsx";

const count = (key) => (row) => formatCount(row[key]);

function headlineOf({ totals, previous }) {
  return [
    figure("Clients", totals.clients, previous?.clients, formatCount),
    figure("New", totals.new, previous?.new, formatCount),
    figure("Returning", totals.returning, previous?.returning, formatCount),
    figure("Visits", totals.visits, previous?.visits, formatCount),
  ];
}

/** "12 (40%)": those of a cohort back within some days, and their share of it; the API's null while those days
 *  have not all passed yet. */
function backText(back, clients) {
  if (!Number.isFinite(back)) return "Too soon to tell";
  return `${formatCount(back)} (${formatRate(clients ? back / clients : null)})`;
}

const COHORT_COLUMNS = [
  column("month", "First visit", (row) => monthLabel(row.month), false),
  column("clients", "New clients", count("clients")),
  column("back_30", "Back within 30 days", (row) => backText(row.back_30, row.clients)),
  column("back_60", "Back within 60 days", (row) => backText(row.back_60, row.clients)),
  column("back_90", "Back within 90 days", (row) => backText(row.back_90, row.clients)),
];

function Memberships({ memberships }) {
  const items = [
    ["Active at the start", formatCount(memberships.active_at_start)],
    ["Started", formatCount(memberships.started)],
    ["Ended", formatCount(memberships.ended)],
    ["Active at the end", formatCount(memberships.active_at_end)],
    ["Churn rate", formatRate(memberships.churn_rate)],
  ];
  return (
    <section aria-labelledby="clients-memberships">
      <h2 id="clients-memberships">Memberships</h2>
      <dl className="report-figures">
        {items.map(([label, value]) => (
          <div key={label} className="report-figure">
            <dt>{label}</dt>
            <dd className="report-value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function chartSummary(report) {
  const { totals } = report;
  return `Stacked bar chart of new and returning clients by ${report.by}, ${dayLabel(report.from)} to ${dayLabel(report.to)}: ${formatCount(totals.new)} new and ${formatCount(totals.returning)} returning.`;
}

function Clients({ report }) {
  const { by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), new: period.new, returning: period.returning }));
  const bars = [
    { key: "new", name: "New" },
    { key: "returning", name: "Returning" },
  ];
  return (
    <>
      <Headline items={headlineOf(report)} span={report} />
      <h2>New and returning clients by period</h2>
      <PeriodChart summary={chartSummary(report)} data={data} bars={bars} format={formatCount} stacked />
      <DataTable
        caption="Clients by period"
        columns={[
          column("start", "Period", (row) => periodLabel(row.start, by), false),
          column("clients", "Clients", count("clients")),
          column("new", "New", count("new")),
          column("returning", "Returning", count("returning")),
          column("visits", "Visits", count("visits")),
        ]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>Retention</h2>
      <p className="muted small-text">Each month&apos;s new clients, and how many of them came back within 30, 60 and 90 days of their first visit.</p>
      <DataTable caption="Retention cohorts" columns={COHORT_COLUMNS} rows={report.cohorts} rowKey={(row) => row.month} />
      {report.memberships && <Memberships memberships={report.memberships} />}
    </>
  );
}

export function ClientsReport({ range, onApply }) {
  return (
    <ReportFrame name="clients" range={range} onApply={onApply}>
      {(report) => <Clients report={report} />}
    </ReportFrame>
  );
}
