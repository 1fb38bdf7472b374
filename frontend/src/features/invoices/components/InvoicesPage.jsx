/** /facilitator/invoices: the current studio's "Tax & invoices" (money.view): its tax settings (changed by who has
 *  studio.settings), and its invoices and credit notes of a date range, a page at a time, with the accountant's
 *  CSV and a ZIP of the PDFs. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDate } from "../../../lib/format.js";
import { formatAmount } from "../../../lib/money.js";
import { useStudio } from "../../../lib/studio.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useDownloadInvoicePdf, useDownloadInvoices, useStudioInvoices } from "../api.js";
import { TaxSettings } from "./TaxSettings.jsx";
import "../invoices.css";

const KIND_NAMES = { invoice: "documents.invoice", credit_note: "documents.creditNote" };

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
  const { t } = useTranslation("invoices");
  // On a phone each cell shows its column's name before it.
  const cell = (column) => t("documents.cellLabel", { column });
  const pdf = useDownloadInvoicePdf();
  return (
    <div className="table-wrap">
      {pdf.error ? <ErrorMessage error={pdf.error} title={t("documents.pdfNotDownloaded")} /> : null}
      <table className="table-stack invoices-table">
        <thead>
          <tr>
            <th scope="col">{t("documents.number")}</th>
            <th scope="col">{t("documents.kind")}</th>
            <th scope="col">{t("documents.issued")}</th>
            <th scope="col">{t("documents.buyer")}</th>
            <th scope="col">{t("documents.for")}</th>
            <th scope="col">{t("documents.paidBy")}</th>
            <th scope="col">{t("documents.tax")}</th>
            <th scope="col">{t("documents.total")}</th>
            <th scope="col">{t("documents.pdf")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{item.number}</td>
              <td data-label={cell(t("documents.kind"))}>{KIND_NAMES[item.kind] ? t(KIND_NAMES[item.kind]) : item.kind}</td>
              <td data-label={cell(t("documents.issued"))}>{formatDate(item.issued_at)}</td>
              <td data-label={cell(t("documents.buyer"))}>{item.buyer_name}</td>
              <td data-label={cell(t("documents.for"))}>{item.description}</td>
              <td data-label={cell(t("documents.paidBy"))}>{item.payment_method ?? ""}</td>
              <td data-label={cell(t("documents.tax"))}>{formatAmount(item.tax, item.currency)}</td>
              <td data-label={cell(t("documents.total"))}>{formatAmount(item.total, item.currency)}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={t("documents.pdfOf", { number: item.number })}
                  disabled={pdf.isPending}
                  onClick={() => pdf.mutate(item)}
                >
                  {t("documents.pdf")}
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
  const { t } = useTranslation("invoices");
  const id = useId();
  const [values, setValues] = useState(range);
  const set = (name) => (event) => setValues((old) => ({ ...old, [name]: event.target.value }));
  return (
    <form
      className="invoices-range"
      aria-label={t("range.label")}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("range.from")}</label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={set("from")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("range.to")}</label>
        <input id={`${id}-to`} type="date" value={values.to} onChange={set("to")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("range.kind")}</label>
        <select id={`${id}-kind`} value={values.kind} onChange={set("kind")}>
          <option value="">{t("range.both")}</option>
          <option value="invoice">{t("range.invoices")}</option>
          <option value="credit_note">{t("range.creditNotes")}</option>
        </select>
      </div>
      <button type="submit" className="button secondary small">
        {t("range.show")}
      </button>
    </form>
  );
}

export function InvoicesPage() {
  const { t } = useTranslation("invoices");
  usePageTitle(t("page.title"));
  const { studio, can, ready } = useStudio();
  if (!ready) return <Loading label={t("page.loading")} />;
  if (!studio) {
    return (
      <section className="page invoices-page">
        <h1>{t("page.title")}</h1>
        <EmptyState title={t("page.noStudio")} />
      </section>
    );
  }
  return <StudioInvoices studio={studio} can={can} />;
}

function StudioInvoices({ studio, can }) {
  const { t } = useTranslation("invoices");
  const [range, setRange] = useState({ from: "", to: "", kind: "" });
  const [page, setPage] = useState(1);
  const query = rangeQuery(range);
  const documents = useStudioInvoices(query, page);
  const download = useDownloadInvoices();
  let body;
  if (documents.isPending) body = <Loading label={t("page.loadingInvoices")} />;
  else if (documents.error) body = <ErrorMessage error={documents.error} title={t("page.notLoaded")} onRetry={() => documents.refetch()} />;
  else if (!documents.data.items.length) body = <EmptyState title={t("page.empty")} />;
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
      <h1>{t("page.titleOf", { studio: studio.name })}</h1>
      <section aria-labelledby="tax-settings-heading">
        <h2 id="tax-settings-heading">{t("page.taxSettings")}</h2>
        <p className="muted">{t("page.taxSettingsIntro")}</p>
        <TaxSettings canChange={can("studio.settings")} />
      </section>
      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">{t("page.invoices")}</h2>
        <RangeForm
          range={range}
          onApply={(next) => {
            setRange(next);
            setPage(1);
          }}
        />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => exportAs("csv")} aria-busy={download.isPending}>
            {t("page.exportCsv")}
          </button>
          <button type="button" className="button secondary" onClick={() => exportAs("zip")} aria-busy={download.isPending}>
            {t("page.exportZip")}
          </button>
        </div>
        <ErrorMessage error={download.error} title={t("page.exportNotDownloaded")} />
        {body}
      </section>
    </section>
  );
}
