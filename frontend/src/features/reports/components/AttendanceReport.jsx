/** The attendance report: how full the classes were (seats booked over seats offered) against the range before, by
 *  period (a chart and its table), by class, by weekday and hour, and by instructor. */
import { dayLabel, hourLabel, periodLabel, periodTick, WEEKDAYS } from "../range.js";
import { formatCount, formatRate } from "../wording.js";
import { PeriodChart } from "./Charts.jsx";
import { column, DataTable } from "./DataTable.jsx";
import { figure, Headline } from "./Headline.jsx";
import { ReportFrame } from "./ReportFrame.jsx";

const count = (key) => (row) => formatCount(row[key]);

/** A fill rate with a tint as strong as it is full: the weekday-and-hour table reads as a heat map. */
function FillCell({ rate }) {
  const tint = Number.isFinite(rate) ? { backgroundColor: `rgb(47 111 94 / ${Math.round(rate * 30)}%)` } : undefined;
  return (
    <span className="report-heat" style={tint}>
      {formatRate(rate)}
    </span>
  );
}

/** The figures' columns (F of the API), after the first. */
const FIGURE_COLUMNS = [
  column("sessions", "Sessions", count("sessions")),
  column("capacity", "Capacity", count("capacity")),
  column("booked", "Booked", count("booked")),
  column("fill_rate", "Fill rate", (row) => <FillCell rate={row.fill_rate} />),
  column("attended", "Attended", count("attended")),
  column("no_shows", "No-shows", count("no_shows")),
  column("late_cancels", "Late cancels", count("late_cancels")),
  column("waited", "Waited, no seat", count("waited")),
];

function headlineOf({ totals, previous }) {
  return [
    figure("Fill rate", totals.fill_rate, previous?.fill_rate ?? null, formatRate, { rate: true }),
    figure("Sessions", totals.sessions, previous?.sessions, formatCount),
    figure("Booked", totals.booked, previous?.booked, formatCount),
    figure("Attended", totals.attended, previous?.attended, formatCount),
    figure("No-shows", totals.no_shows, previous?.no_shows, formatCount),
    figure("Late cancels", totals.late_cancels, previous?.late_cancels, formatCount),
    figure("Waited, no seat", totals.waited, previous?.waited, formatCount),
  ];
}

/** "Bar chart of fill rate by week, … : 72% overall, the fullest 95% (Week of 5 Oct 2026)." */
function chartSummary(report) {
  const rated = report.periods.filter((period) => Number.isFinite(period.fill_rate));
  const best = rated.reduce((top, period) => (top === null || period.fill_rate > top.fill_rate ? period : top), null);
  const most = best ? `, the fullest ${formatRate(best.fill_rate)} (${periodLabel(best.start, report.by)})` : "";
  return `Bar chart of fill rate by ${report.by}, ${dayLabel(report.from)} to ${dayLabel(report.to)}: ${formatRate(report.totals.fill_rate)} overall${most}.`;
}

function Attendance({ report }) {
  const { by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), fill_rate: period.fill_rate }));
  const slotName = (slot) => `${WEEKDAYS[slot.weekday] ?? slot.weekday} ${hourLabel(slot.hour)}`;
  return (
    <>
      <Headline items={headlineOf(report)} span={report} />
      <h2>Fill rate by period</h2>
      <PeriodChart summary={chartSummary(report)} data={data} bars={[{ key: "fill_rate", name: "Fill rate" }]} format={formatRate} domain={[0, 1]} wholeNumbers={false} />
      <DataTable
        caption="Attendance by period"
        columns={[column("start", "Period", (row) => periodLabel(row.start, by), false), ...FIGURE_COLUMNS]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>By class</h2>
      {report.classes_total > report.classes.length && (
        <p>
          The {report.classes.length} classes with most seats booked, of {report.classes_total} held; the CSV has every class.
        </p>
      )}
      <DataTable caption="Attendance by class" columns={[column("title", "Class", (row) => row.title, false), ...FIGURE_COLUMNS]} rows={report.classes} rowKey={(row) => row.event_id} />
      <h2>By weekday and hour</h2>
      <DataTable
        caption="Attendance by weekday and hour"
        columns={[column("slot", "Weekday and hour", slotName, false), ...FIGURE_COLUMNS]}
        rows={report.slots}
        rowKey={(row) => `${row.weekday}-${row.hour}`}
      />
      <h2>By instructor</h2>
      <DataTable
        caption="Attendance by instructor"
        columns={[column("name", "Instructor", (row) => row.name ?? "No instructor", false), ...FIGURE_COLUMNS]}
        rows={report.instructors}
        rowKey={(row) => row.instructor_id ?? "none"}
      />
    </>
  );
}

export function AttendanceReport({ range, onApply }) {
  return (
    <ReportFrame name="attendance" range={range} onApply={onApply}>
      {(report) => <Attendance report={report} />}
    </ReportFrame>
  );
}
