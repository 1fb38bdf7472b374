/** The reports' charts (Recharts, SVG): one picture each, named by a one-sentence summary (role="img"), its numbers
 *  in the table beside it. Recharts' own keyboard layer is off: inside an image nothing may take the focus, and the
 *  table is how the figures are read without a mouse. No animation: what is drawn is what a screenshot shows. */
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export const COLOURS = ["#2f6f5e", "#b8692e", "#5b4b8a"];
const HEIGHT = 260;
/** The size drawn before the container is measured (and where nothing measures it, as in tests). */
const FIRST_SIZE = { width: 320, height: HEIGHT };
const AXIS_TEXT = { fontSize: 12, fill: "#5b6763" };

function ChartFrame({ summary, height = HEIGHT, children }) {
  return (
    <div className="report-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ ...FIRST_SIZE, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Bars by period: data [{label, <key>: number}], bars [{key, name}] (stacked: one bar of them per period).
 * format(value) writes a value (axis, tooltip); domain: the value axis's ([0, 1] for a rate, with wholeNumbers false).
 */
export function PeriodChart({ summary, data, bars, format, stacked = false, domain, wholeNumbers = true }) {
  return (
    <ChartFrame summary={summary}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#e7e3da" />
        <XAxis dataKey="label" tick={AXIS_TEXT} tickLine={false} minTickGap={12} />
        <YAxis tick={AXIS_TEXT} tickFormatter={format} width={64} domain={domain} allowDecimals={!wholeNumbers} />
        <Tooltip formatter={(value) => format(value)} />
        {bars.length > 1 && <Legend />}
        {bars.map((bar, index) => (
          <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={COLOURS[index % COLOURS.length]} stackId={stacked ? "one" : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

/** Horizontal bars, one per name (long names read on a phone): data [{name, value}]. */
export function NamedBarsChart({ summary, data, format }) {
  const { t } = useTranslation("reports");
  const height = Math.max(140, 48 + data.length * 36);
  return (
    <ChartFrame summary={summary} height={height}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke="#e7e3da" />
        <XAxis type="number" tick={AXIS_TEXT} tickFormatter={format} />
        <YAxis type="category" dataKey="name" tick={AXIS_TEXT} width={110} />
        <Tooltip formatter={(value) => format(value)} />
        <Bar dataKey="value" name={t("charts.pay")} fill={COLOURS[0]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
