/** The clients report: who came (new and returning) against the range before, by period (a chart and its table), how
 *  many of each month's new clients came back, and how memberships held. */
import { useTranslation } from "react-i18next";
import { dayLabel, monthLabel, periodLabel, periodTick } from "../range.js";
import { formatCount, formatRate } from "../wording.js";
import { PeriodChart } from "./Charts.jsx";
import { column, DataTable } from "./DataTable.jsx";
import { figure, Headline } from "./Headline.jsx";
import { ReportFrame } from "./ReportFrame.jsx";

const count = (key) => (row) => formatCount(row[key]);

function headlineOf({ totals, previous }, t) {
  return [
    figure(t("clients.figures.clients"), totals.clients, previous?.clients, formatCount),
    figure(t("clients.figures.new"), totals.new, previous?.new, formatCount),
    figure(t("clients.figures.returning"), totals.returning, previous?.returning, formatCount),
    figure(t("clients.figures.visits"), totals.visits, previous?.visits, formatCount),
  ];
}

/** "12 (40%)": those of a cohort back within some days, and their share of it; the API's null while those days
 *  have not all passed yet. */
function backText(back, clients, t) {
  if (!Number.isFinite(back)) return t("clients.cohorts.tooSoon");
  return t("clients.cohorts.back", { back: formatCount(back), share: formatRate(clients ? back / clients : null) });
}

const cohortColumns = (t) => [
  column("month", t("clients.cohorts.firstVisit"), (row) => monthLabel(row.month), false),
  column("clients", t("clients.cohorts.newClients"), count("clients")),
  column("back_30", t("clients.cohorts.backWithin", { days: "30" }), (row) => backText(row.back_30, row.clients, t)),
  column("back_60", t("clients.cohorts.backWithin", { days: "60" }), (row) => backText(row.back_60, row.clients, t)),
  column("back_90", t("clients.cohorts.backWithin", { days: "90" }), (row) => backText(row.back_90, row.clients, t)),
];

function Memberships({ memberships }) {
  const { t } = useTranslation("reports");
  const items = [
    [t("clients.memberships.activeAtStart"), formatCount(memberships.active_at_start)],
    [t("clients.memberships.started"), formatCount(memberships.started)],
    [t("clients.memberships.ended"), formatCount(memberships.ended)],
    [t("clients.memberships.activeAtEnd"), formatCount(memberships.active_at_end)],
    [t("clients.memberships.churnRate"), formatRate(memberships.churn_rate)],
  ];
  return (
    <section aria-labelledby="clients-memberships">
      <h2 id="clients-memberships">{t("clients.memberships.title")}</h2>
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

function chartSummary(report, t) {
  const { totals } = report;
  return t("clients.chart", { by: report.by, from: dayLabel(report.from), to: dayLabel(report.to), new: formatCount(totals.new), returning: formatCount(totals.returning) });
}

function Clients({ report }) {
  const { t } = useTranslation("reports");
  const { by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), new: period.new, returning: period.returning }));
  const bars = [
    { key: "new", name: t("clients.figures.new") },
    { key: "returning", name: t("clients.figures.returning") },
  ];
  return (
    <>
      <Headline items={headlineOf(report, t)} span={report} />
      <h2>{t("clients.byPeriod")}</h2>
      <PeriodChart summary={chartSummary(report, t)} data={data} bars={bars} format={formatCount} stacked />
      <DataTable
        caption={t("clients.byPeriodCaption")}
        columns={[
          column("start", t("table.period"), (row) => periodLabel(row.start, by), false),
          column("clients", t("clients.figures.clients"), count("clients")),
          column("new", t("clients.figures.new"), count("new")),
          column("returning", t("clients.figures.returning"), count("returning")),
          column("visits", t("clients.figures.visits"), count("visits")),
        ]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>{t("clients.cohorts.title")}</h2>
      <p className="muted small-text">{t("clients.cohorts.intro")}</p>
      <DataTable caption={t("clients.cohorts.caption")} columns={cohortColumns(t)} rows={report.cohorts} rowKey={(row) => row.month} />
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
