/** /facilitator/audit: the current studio's audit log (audit.view): who did what to which thing, from what to what,
 *  when (the studio's clock) and from which address; filtered by person, kind and dates (kept in the page's address),
 *  a page at a time, and the same entries as a CSV download. */
import { useTranslation } from "react-i18next";
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
function actorName(entry, names, t) {
  if (entry.actor_id == null) return t("table.platform");
  return entry.actor_name ?? names.get(entry.actor_id) ?? t("table.formerMember");
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
  const { t } = useTranslation("audit");
  // On a phone each cell shows its column's name before it.
  const cell = (column) => t("table.cellLabel", { column });
  return (
    <div className="table-wrap">
      <table className="table-stack audit-table">
        <thead>
          <tr>
            <th scope="col">{t("table.when")}</th>
            <th scope="col">{t("table.who")}</th>
            <th scope="col">{t("table.role")}</th>
            <th scope="col">{t("table.action")}</th>
            <th scope="col">{t("table.object")}</th>
            <th scope="col">{t("table.change")}</th>
            <th scope="col">{t("table.from")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at, { timeZone, label: true })}</td>
              <td data-label={cell(t("table.who"))}>{actorName(entry, names, t)}</td>
              <td data-label={cell(t("table.role"))}>{roleName(entry.actor_role)}</td>
              <td data-label={cell(t("table.action"))}>
                <span title={entry.action}>{kindName(entry.action)}</span>
              </td>
              <td data-label={cell(t("table.object"))}>
                <span title={objectRef(entry)}>{objectText(entry, names)}</span>
              </td>
              <td data-label={cell(t("table.change"))} className="audit-change">
                {changeSummary(entry.before, entry.after, currency, entry.labels, timeZone)}
              </td>
              <td data-label={cell(t("table.from"))}>{entry.remote_addr ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation("audit");
  usePageTitle(t("page.title"));
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
  if (entries.isPending) body = <Loading label={t("page.loading")} />;
  else if (entries.error) body = <ErrorMessage error={entries.error} title={t("page.notLoaded")} onRetry={() => entries.refetch()} />;
  else if (!entries.data.items.length) body = <EmptyState title={Object.keys(query).length ? t("page.noMatches") : t("page.nothingYet")} />;
  else {
    body = (
      <>
        <p className="muted small-text">
          {t("page.summary", { count: entries.data.total, zone: timeZone })}
        </p>
        <AuditTable items={entries.data.items} names={names} timeZone={timeZone} currency={studio?.currency} />
        <Pagination page={entries.data.page} pages={entries.data.pages} busy={entries.isFetching} onPage={(next) => show(filters, next)} />
      </>
    );
  }
  return (
    <section className="page audit-page">
      <div className="audit-head">
        <h1>{studio ? t("page.titleOf", { studio: studio.name }) : t("page.title")}</h1>
        <button type="button" className="button secondary" onClick={() => !download.isPending && download.mutate(query)} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          {t("page.download")}
        </button>
      </div>
      <ErrorMessage error={download.error} title={t("page.notDownloaded")} />
      <p className="muted">{t("page.intro")}</p>
      <AuditFilters key={filtersKey} filters={filters} people={people.data ?? []} onApply={(next) => show(next)} />
      {body}
    </section>
  );
}
