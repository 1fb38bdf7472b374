/** The revenue report: money taken, given back and net (with its tax, and before it) over the range against the range
 *  before, net before tax by period (a chart and its table), by what was sold, what the desk took by how it was paid, in other currencies, and what is
 *  owed both ways. */
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
function moneyColumns(currency) {
  const money = (key) => (row) => formatAmount(row[key], currency);
  return [
    column("gross", "Gross, with tax", money("gross")),
    column("refunds", "Refunds, with tax", money("refunds")),
    column("net", "Net, with tax", money("net")),
    column("tax", "Tax", money("tax")),
    column("before_tax", "Net before tax", (row) => formatAmount(beforeTax(row), currency)),
    column("invoices", "Invoices", (row) => formatCount(row.invoices)),
    column("credit_notes", "Credit notes", (row) => formatCount(row.credit_notes)),
  ];
}

function headlineOf({ totals, previous, currency }) {
  const money = (value) => formatAmount(value, currency);
  return [
    figure("Net revenue before tax", beforeTax(totals), beforeTax(previous), money),
    figure("Net taken, with tax", totals.net, previous?.net, money),
    figure("Gross", totals.gross, previous?.gross, money),
    figure("Refunds", totals.refunds, previous?.refunds, money),
    figure("Tax", totals.tax, previous?.tax, money),
    figure("Invoices", totals.invoices, previous?.invoices, formatCount),
    figure("Credit notes", totals.credit_notes, previous?.credit_notes, formatCount),
  ];
}

/** "Bar chart of net revenue before tax by day, Thu, 1 Oct 2026 to Fri, 30 Oct 2026: ₹1,20,000 in all, the most
 *  ₹18,000 (Mon, 5 Oct 2026)." */
function chartSummary(report) {
  const { periods, by, currency } = report;
  const best = periods.reduce((top, period) => (top === null || beforeTax(period) > beforeTax(top) ? period : top), null);
  const most = best ? `, the most ${formatAmount(beforeTax(best), currency)} (${periodLabel(best.start, by)})` : "";
  return `Bar chart of net revenue before tax by ${by}, ${dayLabel(report.from)} to ${dayLabel(report.to)}: ${formatAmount(beforeTax(report.totals), currency)} in all${most}.`;
}

function Owed({ owed, currency }) {
  return (
    <section aria-labelledby="revenue-owed">
      <h2 id="revenue-owed">Owed</h2>
      <dl className="report-figures">
        <div className="report-figure">
          <dt>Instalments due</dt>
          <dd className="report-value">{formatAmount(owed.instalments_due, currency)}</dd>
          <dd className="report-change">Clients still owe this on payment plans.</dd>
        </div>
        <div className="report-figure">
          <dt>Unused credits</dt>
          <dd className="report-value">{formatCount(owed.unused_credits)}</dd>
          <dd className="report-change">Classes left on packs still good.</dd>
        </div>
        <div className="report-figure">
          <dt>Unused credits worth</dt>
          <dd className="report-value">{formatAmount(owed.unused_credits_worth, currency)}</dd>
          <dd className="report-change">A liability: classes the studio owes, at what they were bought for.</dd>
        </div>
      </dl>
    </section>
  );
}

/** The desk's takings by method (cash, card terminal, UPI): what a cash-up is checked against. */
function DeskMethods({ methods, currency }) {
  const rows = Object.entries(methods ?? {}).map(([method, figures]) => ({ method, ...figures }));
  if (!rows.some((row) => row.gross || row.refunds)) return null;
  const columns = [column("method", "Paid by", (row) => methodName(row.method), false)];
  for (const col of ["gross", "refunds", "net"]) columns.push(column(col, col[0].toUpperCase() + col.slice(1), (row) => formatAmount(row[col], currency)));
  return <DataTable caption="Taken at the desk by method" columns={columns} rows={rows} rowKey={(row) => row.method} />;
}

function OtherCurrencies({ others }) {
  const rows = Object.entries(others ?? {}).map(([code, figures]) => ({ code, ...figures }));
  if (!rows.length) return null;
  const columns = [column("code", "Currency", (row) => row.code, false)];
  for (const col of ["gross", "refunds", "net"]) columns.push(column(col, col[0].toUpperCase() + col.slice(1), (row) => formatAmount(row[col], row.code)));
  return <DataTable caption="Revenue in other currencies" columns={columns} rows={rows} rowKey={(row) => row.code} />;
}

function Revenue({ report }) {
  const { currency, by } = report;
  const data = report.periods.map((period) => ({ label: periodTick(period.start, by), net: beforeTax(period) }));
  const kinds = Object.entries(report.kinds ?? {}).map(([kind, figures]) => ({ kind, ...figures }));
  return (
    <>
      <Headline items={headlineOf(report)} span={report} />
      <h2>Net revenue before tax by period</h2>
      <PeriodChart summary={chartSummary(report)} data={data} bars={[{ key: "net", name: "Net before tax" }]} format={(value) => formatCompactMoney(value, currency)} />
      <DataTable
        caption="Revenue by period"
        columns={[column("start", "Period", (row) => periodLabel(row.start, by), false), ...moneyColumns(currency)]}
        rows={report.periods}
        rowKey={(row) => row.start}
        tall
      />
      <h2>By what was sold</h2>
      <DataTable
        caption="Revenue by kind"
        columns={[column("kind", "Sold", (row) => kindName(row.kind), false), ...moneyColumns(currency)]}
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
