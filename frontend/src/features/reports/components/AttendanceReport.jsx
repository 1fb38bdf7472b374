/** The attendance report: how full the classes were (seats booked over seats offered) against the range before, by
 *  period (a chart and its table), by class, by weekday and hour, and by instructor. */
import { useTranslation } from "react-i18next";
import { dayLabel, hourLabel, periodLabel, periodTick, weekdayName } from "../range.js";
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
const figureColumns = (t) => [
  column("sessions", t("attendance.figures.sessions"), count("sessions")),
  column("capacity", t("attendance.figures.capacity"), count("capacity")),
  column("booked", t("attendance.figures.booked"), count("booked")),
  column("fill_rate", t("attendance.figures.fillRate"), (row) => <FillCell rate={row.fill_rate} />),
  column("attended", t("attendance.figures.attended"), count("attended")),
  column("no_shows", t("attendance.figures.noShows"), count("no_shows")),
  column("late_cancels", t("attendance.figures.lateCancels"), count("late_cancels")),
  column("waited", t("attendance.figures.waited"), count("waited")),
];

function headlineOf({ totals, previous }, t) {
  return [
    figure(t("attendance.figures.fillRate"), totals.fill_rate, previous?.fill_rate ?? null, formatRate, { rate: true }),
    figure(t("attendance.figures.sessions"), totals.sessions, previous?.sessions, formatCount),
    figure(t("attendance.figures.booked"), totals.booked, previous?.booked, formatCount),
    figure(t("attendance.figures.attended"), totals.attended, previous?.attended, formatCount),
    figure(t("attendance.figures.noShows"), totals.no_shows, previous?.no_shows, formatCount),
    figure(t("attendance.figures.lateCancels"), totals.late_cancels, previous?.late_cancels, formatCount),
    figure(t("attendance.figures.waited"), totals.waited, previous?.waited, formatCount),
  ];
}

/** "Bar chart of fill rate by week, … : 72% overall, the fullest 95% (Week of 5 Oct 2026)." */
function chartSummary(report, t) {
  const rated = report.periods.filter((period) => Number.isFinite(period.fill_rate));
  const best = rated.reduce((top, period) => (top === null || period.fill_rate > top.fill_rate ? period : top), null);
  const values = { by: report.by, from: dayLabel(report.from), to: dayLabel(report.to), rate: formatRate(report.totals.fill_rate) };
  if (!best) return t("attendance.chart", values);
  return t("attendance.chartFullest", { ...values, fullest: formatRate(best.fill_rate), period: periodLabel(best.start, report.by) });
}

function Attendance({ report }) {
  const { t } = useTranslation("reports");
  const { by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), fill_rate: period.fill_rate }));
  const slotName = (slot) => t("attendance.slot", { weekday: weekdayName(slot.weekday), hour: hourLabel(slot.hour) });
  const figures = figureColumns(t);
  return (
    <>
      <Headline items={headlineOf(report, t)} span={report} />
      <h2>{t("attendance.byPeriod")}</h2>
      <PeriodChart summary={chartSummary(report, t)} data={data} bars={[{ key: "fill_rate", name: t("attendance.figures.fillRate") }]} format={formatRate} domain={[0, 1]} wholeNumbers={false} />
      <DataTable
        caption={t("attendance.byPeriodCaption")}
        columns={[column("start", t("table.period"), (row) => periodLabel(row.start, by), false), ...figures]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>{t("attendance.byClass")}</h2>
      {report.classes_total > report.classes.length && <p>{t("attendance.topClasses", { shown: report.classes.length, total: report.classes_total })}</p>}
      <DataTable caption={t("attendance.byClassCaption")} columns={[column("title", t("attendance.class"), (row) => row.title, false), ...figures]} rows={report.classes} rowKey={(row) => row.event_id} />
      <h2>{t("attendance.bySlot")}</h2>
      <DataTable
        caption={t("attendance.bySlotCaption")}
        columns={[column("slot", t("attendance.slotColumn"), slotName, false), ...figures]}
        rows={report.slots}
        rowKey={(row) => `${row.weekday}-${row.hour}`}
      />
      <h2>{t("attendance.byInstructor")}</h2>
      <DataTable
        caption={t("attendance.byInstructorCaption")}
        columns={[column("name", t("table.instructor"), (row) => row.name ?? t("attendance.noInstructor"), false), ...figures]}
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
