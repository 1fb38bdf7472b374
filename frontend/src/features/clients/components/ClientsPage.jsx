/** /facilitator/clients: the current studio's client book on the CRM (clients.view; clients.own: an instructor's
 *  own clients): search, a tag filter, a saved segment (the whole book only), a page of clients at a time, most
 *  recently seen first; filters and page kept in the page's address. Below the filters the list's actions: its CSV,
 *  saving, renaming, deleting and emailing segments; under the list, with clients.email, the emails sent. */
import { Trans, useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { useStudio } from "../../../lib/studio.jsx";
import { browserZone } from "../../../lib/time-zones.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { listQuery, useClientBook, useClients } from "../api.js";
import { bookError } from "../errors.js";
import { ClientFilters } from "./ClientFilters.jsx";
import { ClientsTable } from "./ClientsTable.jsx";
import { ClientsTools } from "./ClientsTools.jsx";
import { SegmentPicker } from "./SegmentPicker.jsx";
import { SentEmails } from "./SentEmails.jsx";
import "../clients.css";

const FILTERS = ["q", "tag", "segment"];

function ClientsBody({ clients, filtered, timeZone, onPage, onClear }) {
  const { t } = useTranslation("clients");
  if (clients.isPending) return <Loading label={t("list.loading")} />;
  if (clients.error) return <ErrorMessage error={bookError(clients.error)} title={t("list.loadFailed")} onRetry={() => clients.refetch()} />;
  const { items, total, page, pages } = clients.data;
  if (!items.length && filtered) {
    return (
      <EmptyState title={t("list.noMatch")}>
        <button type="button" className="button secondary" onClick={onClear}>
          {t("list.clear")}
        </button>
      </EmptyState>
    );
  }
  if (!items.length) {
    return (
      <EmptyState title={t("list.emptyTitle")}>
        <p className="muted">{t("list.emptyText")}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted small-text" aria-live="polite">
        {t("list.total", { count: total })}
      </p>
      <ClientsTable items={items} timeZone={timeZone} />
      <Pagination page={page} pages={pages} busy={clients.isFetching} onPage={onPage} />
    </>
  );
}

export function ClientsPage() {
  const { t } = useTranslation("clients");
  usePageTitle(t("list.title"));
  const { studio, can } = useStudio();
  const book = useClientBook();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""]));
  const page = Math.max(1, Number(params.get("page")) || 1);
  const clients = useClients(filters, page);

  const show = (next, nextPage = 1) => {
    const kept = Object.entries(next).filter(([, value]) => value);
    setParams(nextPage > 1 ? [...kept, ["page", String(nextPage)]] : kept);
  };
  const pickSegment = (segment) => show({ ...filters, segment });
  const filtered = Object.keys(listQuery(filters)).length > 0;
  return (
    <section className="page clients-page">
      <h1>{studio ? t("list.headingAt", { studio: studio.name }) : t("list.heading")}</h1>
      <p className="muted">
        {book.may.all ? t("list.introAll") : t("list.introOwn")}
      </p>
      <ClientFilters filters={filters} onApply={(next) => show(next)}>
        {book.may.all ? (
          <SegmentPicker value={filters.segment} onPick={pickSegment} />
        ) : (
          filters.segment && (
            <p className="clients-segment">
              <Trans t={t} i18nKey="list.segment" values={{ segment: filters.segment }} components={{ strong: <strong /> }} />{" "}
              <button type="button" className="button-link" onClick={() => pickSegment("")}>
                {t("list.showAll")}
              </button>
            </p>
          )
        )}
      </ClientFilters>
      <ClientsTools filters={filters} onPick={pickSegment} />
      <ClientsBody
        clients={clients}
        filtered={filtered}
        timeZone={studio?.timezone ?? browserZone()}
        onPage={(next) => show(filters, next)}
        onClear={() => show({})}
      />
      {book.may.all && can("clients.email") && <SentEmails />}
    </section>
  );
}
