/** /facilitator/audit: the current studio's audit log (audit.view): who did what to which thing, from what to what,
 *  when (the studio's clock) and from which address; filtered by person, kind and dates (kept in the page's address),
 *  a page at a time, and the same entries as a CSV download. */
import { useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { roleName, useStudio } from "../../../lib/studio.jsx";
import { browserZone } from "../../../lib/time-zones.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useAuditEntries, useAuditMembers, useAuditPeople, useDownloadAudit } from "../api.js";
import { auditQuery, changeSummary, kindName } from "../entries.js";
import { AuditFilters } from "./AuditFilters.jsx";
import "../audit.css";

const FILTERS = ["person", "kind", "since", "until"];

/** "Meera Rao": as the entry kept them when written (a former member too), else as a member now, else "A former
 *  member" (an account since erased); "The platform" when nobody acted. */
function actorName(entry, names) {
  if (entry.actor_id == null) return "The platform";
  return entry.actor_name ?? names.get(entry.actor_id) ?? "A former member";
}

/** "user 9": the object's kind and id. */
const objectRef = (entry) => [entry.object_type, entry.object_id].filter((part) => part != null).join(" ");

/** The object in the words the entry was written with ("Asha Rao (instructor)"); an entry older than them: "user 9
 *  (Ravi Iyer)", with a member's name when it is one. */
function objectText(entry, names) {
  if (entry.object_label) return entry.object_label;
  const text = objectRef(entry);
  return entry.object_type === "user" && names.has(entry.object_id) ? `${text} (${names.get(entry.object_id)})` : text;
}

function AuditTable({ items, names, timeZone, currency }) {
  return (
    <div className="table-wrap">
      <table className="table-stack audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Role</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Change</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at, { timeZone, label: true })}</td>
              <td data-label="Who:">{actorName(entry, names)}</td>
              <td data-label="Role:">{roleName(entry.actor_role)}</td>
              <td data-label="Action:">
                <span title={entry.action}>{kindName(entry.action)}</span>
              </td>
              <td data-label="Object:">
                <span title={objectRef(entry)}>{objectText(entry, names)}</span>
              </td>
              <td data-label="Change:" className="audit-change">
                {changeSummary(entry.before, entry.after, currency, entry.labels, timeZone)}
              </td>
              <td data-label="From:">{entry.remote_addr ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage() {
  usePageTitle("Audit log");
  const { studio } = useStudio();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""]));
  const page = Math.max(1, Number(params.get("page")) || 1);
  const timeZone = studio?.timezone ?? browserZone();
  const query = auditQuery(filters, timeZone);
  const entries = useAuditEntries(query, page);
  const members = useAuditMembers();
  const people = useAuditPeople();
  const download = useDownloadAudit();
  const names = new Map((members.data ?? []).map((member) => [member.user_id, member.name]));

  const show = (next, nextPage = 1) => {
    const kept = Object.entries(next).filter(([, value]) => value);
    setParams(nextPage > 1 ? [...kept, ["page", String(nextPage)]] : kept);
  };
  const filtersKey = FILTERS.map((name) => filters[name]).join("|");

  let body;
  if (entries.isPending) body = <Loading label="Loading the audit log…" />;
  else if (entries.error) body = <ErrorMessage error={entries.error} title="The audit log could not be loaded." onRetry={() => entries.refetch()} />;
  else if (!entries.data.items.length) body = <EmptyState title={Object.keys(query).length ? "No entries match these filters." : "Nothing recorded yet."} />;
  else {
    body = (
      <>
        <p className="muted small-text">
          {entries.data.total} {entries.data.total === 1 ? "entry" : "entries"}, newest first; times on the studio's clock ({timeZone}).
        </p>
        <AuditTable items={entries.data.items} names={names} timeZone={timeZone} currency={studio?.currency} />
        <Pagination page={entries.data.page} pages={entries.data.pages} busy={entries.isFetching} onPage={(next) => show(filters, next)} />
      </>
    );
  }
  return (
    <section className="page audit-page">
      <div className="audit-head">
        <h1>Audit log{studio ? ` · ${studio.name}` : ""}</h1>
        <button type="button" className="button secondary" onClick={() => !download.isPending && download.mutate(query)} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          Download CSV
        </button>
      </div>
      <ErrorMessage error={download.error} title="The CSV could not be downloaded." />
      <p className="muted">Every staff action on money, seats, attendance, members and settings. Nothing here can be changed or deleted.</p>
      <AuditFilters key={filtersKey} filters={filters} people={people.data ?? []} onApply={(next) => show(next)} />
      {body}
    </section>
  );
}
