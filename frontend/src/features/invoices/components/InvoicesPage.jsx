/** /facilitator/invoices: the current studio's "Tax & invoices" (money.view): its tax settings (changed by who has
 *  studio.settings), and its invoices and credit notes of a date range, a page at a time, with the accountant's
 *  CSV and a ZIP of the PDFs. */
import { useId, useState } from "react";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDate } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useDownloadInvoicePdf, useDownloadInvoices, useStudioInvoices } from "../api.js";
import { TaxSettings } from "./TaxSettings.jsx";
import "../invoices.css";

const KIND_NAMES = { invoice: "Invoice", credit_note: "Credit note" };

/** The form's dates (YYYY-MM-DD, the browser's day) → the API's from/to (to is the day after the last). */
export function rangeQuery({ from, to, kind }) {
  const query = {};
  if (kind) query.kind = kind;
  if (from) query.from = new Date(`${from}T00:00:00`).toISOString();
  if (to) {
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    query.to = end.toISOString();
  }
  return query;
}

function Documents({ items }) {
  const pdf = useDownloadInvoicePdf();
  return (
    <div className="table-wrap">
      {pdf.error ? <ErrorMessage error={pdf.error} title="The PDF could not be downloaded." /> : null}
      <table className="table-stack invoices-table">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Kind</th>
            <th scope="col">Issued</th>
            <th scope="col">Buyer</th>
            <th scope="col">For</th>
            <th scope="col">Paid by</th>
            <th scope="col">Tax</th>
            <th scope="col">Total</th>
            <th scope="col">PDF</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.number}</td>
              <td data-label="Kind:">{KIND_NAMES[item.kind] ?? item.kind}</td>
              <td data-label="Issued:">{formatDate(item.issued_at)}</td>
              <td data-label="Buyer:">{item.buyer_name}</td>
              <td data-label="For:">{item.description}</td>
              <td data-label="Paid by:">{item.payment_method ?? ""}</td>
              <td data-label="Tax:">{formatAmount(item.tax, item.currency)}</td>
              <td data-label="Total:">{formatAmount(item.total, item.currency)}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={`PDF of ${item.number}`}
                  disabled={pdf.isPending}
                  onClick={() => pdf.mutate(item)}
                >
                  PDF
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RangeForm({ range, onApply }) {
  const id = useId();
  const [values, setValues] = useState(range);
  const set = (name) => (event) => setValues((old) => ({ ...old, [name]: event.target.value }));
  return (
    <form
      className="invoices-range"
      aria-label="Range"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={set("from")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={values.to} onChange={set("to")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={values.kind} onChange={set("kind")}>
          <option value="">Both</option>
          <option value="invoice">Invoices</option>
          <option value="credit_note">Credit notes</option>
        </select>
      </div>
      <button type="submit" className="button secondary small">
        Show
      </button>
    </form>
  );
}

export function InvoicesPage() {
  usePageTitle("Tax & invoices");
  const { studio, can, ready } = useStudio();
  if (!ready) return <Loading label="Loading…" />;
  if (!studio) {
    return (
      <section className="page invoices-page">
        <h1>Tax &amp; invoices</h1>
        <EmptyState title="Invoices are a studio's: they come with your studio, made with your first event." />
      </section>
    );
  }
  return <StudioInvoices studio={studio} can={can} />;
}

function StudioInvoices({ studio, can }) {
  const [range, setRange] = useState({ from: "", to: "", kind: "" });
  const [page, setPage] = useState(1);
  const query = rangeQuery(range);
  const documents = useStudioInvoices(query, page);
  const download = useDownloadInvoices();
  let body;
  if (documents.isPending) body = <Loading label="Loading the invoices…" />;
  else if (documents.error) body = <ErrorMessage error={documents.error} title="The invoices could not be loaded." onRetry={() => documents.refetch()} />;
  else if (!documents.data.items.length) body = <EmptyState title="No invoices or credit notes in this range." />;
  else {
    body = (
      <>
        <Documents items={documents.data.items} />
        <Pagination page={documents.data.page} pages={documents.data.pages} busy={documents.isFetching} onPage={setPage} />
      </>
    );
  }
  const exportAs = (format) => !download.isPending && download.mutate({ format, query });
  return (
    <section className="page invoices-page">
      <h1>Tax &amp; invoices{studio ? ` · ${studio.name}` : ""}</h1>
      <section aria-labelledby="tax-settings-heading">
        <h2 id="tax-settings-heading">Tax settings</h2>
        <p className="muted">What every invoice and credit note says about the studio as the seller. Without them, invoices are plain receipts with the studio's name.</p>
        <TaxSettings canChange={can("studio.settings")} />
      </section>
      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        <RangeForm
          range={range}
          onApply={(next) => {
            setRange(next);
            setPage(1);
          }}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => exportAs("csv")} aria-busy={download.isPending}>
            Export CSV
          </button>
          <button type="button" className="button secondary" onClick={() => exportAs("zip")} aria-busy={download.isPending}>
            Export ZIP (PDFs and CSV)
          </button>
        </div>
        <ErrorMessage error={download.error} title="The export could not be downloaded." />
        {body}
      </section>
    </section>
  );
}
