/** The revenue report: money taken, given back and net (with its tax, and before it) over the range against the range
 *  before, net before tax by period (a chart and its table), by what was sold, what the desk took by how it was paid, in other currencies, and what is
 *  owed both ways. */
import { useTranslation } from "react-i18next";
import { formatAmount } from "../../../lib/money.js";
import { methodName } from "../../../lib/payment-methods.js";
import { dayLabel, periodLabel, periodTick } from "../range.js";
import { formatCompactMoney, formatCount, kindName } from "../wording.js";
import { PeriodChart } from "./Charts.jsx";
import { column, DataTable } from "./DataTable.jsx";
import { figure, Headline } from "./Headline.jsx";
import { ReportFrame } from "./ReportFrame.jsx";

/** What a studio earned, its tax taken out: net (invoices less credit notes, both with their tax) less the tax. An
 *  accountant's net revenue; net alone still holds the GST or VAT owed to the state. */
const beforeTax = (figures) => figures && figures.net - figures.tax;

/** The money columns every revenue table has, after its first. */
function moneyColumns(currency, t) {
  const money = (key) => (row) => formatAmount(row[key], currency);
  return [
    column("gross", t("revenue.columns.gross"), money("gross")),
    column("refunds", t("revenue.columns.refunds"), money("refunds")),
    column("net", t("revenue.columns.net"), money("net")),
    column("tax", t("revenue.columns.tax"), money("tax")),
    column("before_tax", t("revenue.columns.beforeTax"), (row) => formatAmount(beforeTax(row), currency)),
    column("invoices", t("revenue.columns.invoices"), (row) => formatCount(row.invoices)),
    column("credit_notes", t("revenue.columns.creditNotes"), (row) => formatCount(row.credit_notes)),
  ];
}

function headlineOf({ totals, previous, currency }, t) {
  const money = (value) => formatAmount(value, currency);
  return [
    figure(t("revenue.figures.beforeTax"), beforeTax(totals), beforeTax(previous), money),
    figure(t("revenue.figures.net"), totals.net, previous?.net, money),
    figure(t("revenue.figures.gross"), totals.gross, previous?.gross, money),
    figure(t("revenue.figures.refunds"), totals.refunds, previous?.refunds, money),
    figure(t("revenue.figures.tax"), totals.tax, previous?.tax, money),
    figure(t("revenue.figures.invoices"), totals.invoices, previous?.invoices, formatCount),
    figure(t("revenue.figures.creditNotes"), totals.credit_notes, previous?.credit_notes, formatCount),
  ];
}

/** "Bar chart of net revenue before tax by day, Thu, 1 Oct 2026 to Fri, 30 Oct 2026: ₹1,20,000 in all, the most
 *  ₹18,000 (Mon, 5 Oct 2026)." */
function chartSummary(report, t) {
  const { periods, by, currency } = report;
  const best = periods.reduce((top, period) => (top === null || beforeTax(period) > beforeTax(top) ? period : top), null);
  const values = { by, from: dayLabel(report.from), to: dayLabel(report.to), total: formatAmount(beforeTax(report.totals), currency) };
  if (!best) return t("revenue.chart", values);
  return t("revenue.chartMost", { ...values, most: formatAmount(beforeTax(best), currency), period: periodLabel(best.start, by) });
}

function Owed({ owed, currency }) {
  const { t } = useTranslation("reports");
  return (
    <section aria-labelledby="revenue-owed">
      <h2 id="revenue-owed">{t("revenue.owed.title")}</h2>
      <dl className="report-figures">
        <div className="report-figure">
          <dt>{t("revenue.owed.instalmentsDue")}</dt>
          <dd className="report-value">{formatAmount(owed.instalments_due, currency)}</dd>
          <dd className="report-change">{t("revenue.owed.instalmentsDueHelp")}</dd>
        </div>
        <div className="report-figure">
          <dt>{t("revenue.owed.unusedCredits")}</dt>
          <dd className="report-value">{formatCount(owed.unused_credits)}</dd>
          <dd className="report-change">{t("revenue.owed.unusedCreditsHelp")}</dd>
        </div>
        <div className="report-figure">
          <dt>{t("revenue.owed.unusedCreditsWorth")}</dt>
          <dd className="report-value">{formatAmount(owed.unused_credits_worth, currency)}</dd>
          <dd className="report-change">{t("revenue.owed.unusedCreditsWorthHelp")}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The desk's takings by method (cash, card terminal, UPI): what a cash-up is checked against. */
/** Gross, refunds and net, each in the currency `currencyOf(row)` names. */
function takingsColumns(currencyOf, t) {
  const money = (key) => (row) => formatAmount(row[key], currencyOf(row));
  return [
    column("gross", t("revenue.figures.gross"), money("gross")),
    column("refunds", t("revenue.figures.refunds"), money("refunds")),
    column("net", t("revenue.columns.netShort"), money("net")),
  ];
}

function DeskMethods({ methods, currency }) {
  const { t } = useTranslation("reports");
  const rows = Object.entries(methods ?? {}).map(([method, figures]) => ({ method, ...figures }));
  if (!rows.some((row) => row.gross || row.refunds)) return null;
  const columns = [column("method", t("revenue.desk.paidBy"), (row) => methodName(row.method), false), ...takingsColumns(() => currency, t)];
  return <DataTable caption={t("revenue.desk.caption")} columns={columns} rows={rows} rowKey={(row) => row.method} />;
}

function OtherCurrencies({ others }) {
  const { t } = useTranslation("reports");
  const rows = Object.entries(others ?? {}).map(([code, figures]) => ({ code, ...figures }));
  if (!rows.length) return null;
  const columns = [column("code", t("revenue.others.currency"), (row) => row.code, false), ...takingsColumns((row) => row.code, t)];
  return <DataTable caption={t("revenue.others.caption")} columns={columns} rows={rows} rowKey={(row) => row.code} />;
}

function Revenue({ report }) {
  const { t } = useTranslation("reports");
  const { currency, by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), net: beforeTax(period) }));
  const kinds = Object.entries(report.kinds ?? {}).map(([kind, figures]) => ({ kind, ...figures }));
  return (
    <>
      <Headline items={headlineOf(report, t)} span={report} />
      <h2>{t("revenue.byPeriod")}</h2>
      <PeriodChart summary={chartSummary(report, t)} data={data} bars={[{ key: "net", name: t("revenue.columns.beforeTax") }]} format={(value) => formatCompactMoney(value, currency)} />
      <DataTable
        caption={t("revenue.byPeriodCaption")}
        columns={[column("start", t("table.period"), (row) => periodLabel(row.start, by), false), ...moneyColumns(currency, t)]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>{t("revenue.byKind")}</h2>
      <DataTable
        caption={t("revenue.byKindCaption")}
        columns={[column("kind", t("revenue.sold"), (row) => kindName(row.kind), false), ...moneyColumns(currency, t)]}
        rows={kinds}
        rowKey={(row) => row.kind}
      />
      <DeskMethods methods={report.desk_methods} currency={currency} />
      <OtherCurrencies others={report.other_currencies} />
      {report.owed && <Owed owed={report.owed} currency={currency} />}
    </>
  );
}

export function RevenueReport({ range, onApply }) {
  return (
    <ReportFrame name="revenue" range={range} onApply={onApply}>
      {(report) => <Revenue report={report} />}
    </ReportFrame>
  );
}
