/** /facilitator/clients: the current studio's client book on the CRM (clients.view; clients.own: an instructor's
 *  own clients): search, a tag filter, a saved segment (the whole book only), a page of clients at a time, most
 *  recently seen first; filters and page kept in the page's address. Below the filters the list's actions: its CSV,
 *  saving, renaming, deleting and emailing segments; under the list, with clients.email, the emails sent. */
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { plural } from "../../../lib/format.js";
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
  if (clients.isPending) return <Loading label="Loading clients…" />;
  if (clients.error) return <ErrorMessage error={bookError(clients.error)} title="The clients could not be loaded." onRetry={() => clients.refetch()} />;
  const { items, total, page, pages } = clients.data;
  if (!items.length && filtered) {
    return (
      <EmptyState title="No client matches these filters.">
        <button type="button" className="button secondary" onClick={onClear}>
          Clear the filters
        </button>
      </EmptyState>
    );
  }
  if (!items.length) {
    return (
      <EmptyState title="No clients yet.">
        <p className="muted">Everyone who books, buys a pass, walks in or comes as a guest with an email shows up here.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="muted small-text" aria-live="polite">
        {plural(total, "client")}, most recently seen first.
      </p>
      <ClientsTable items={items} timeZone={timeZone} />
      <Pagination page={page} pages={pages} busy={clients.isFetching} onPage={onPage} />
    </>
  );
}

export function ClientsPage() {
  usePageTitle("Clients");
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
      <h1>Clients{studio ? ` · ${studio.name}` : ""}</h1>
      <p className="muted">
        {book.may.all
          ? "Everyone who booked, bought a pass, walked in or came as a guest: their visits, passes, notes and tags."
          : "The people booked into the sessions you teach."}
      </p>
      <ClientFilters filters={filters} onApply={(next) => show(next)}>
        {book.may.all ? (
          <SegmentPicker value={filters.segment} onPick={pickSegment} />
        ) : (
          filters.segment && (
            <p className="clients-segment">
              Segment <strong>{filters.segment}</strong>{" "}
              <button type="button" className="button-link" onClick={() => pickSegment("")}>
                Show all
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
