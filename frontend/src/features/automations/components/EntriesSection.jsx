/** The people in an automation, newest first, a page at a time: each one's name, state (why they left), the step
 *  they are at, when it is due, when they entered and when they finished or left; filtered by state. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Pagination } from "../../../components/Pagination.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useEntries } from "../api.js";
import { ENTRY_STATES, entryStateName, leftBecauseWords, stepKindName } from "../words.js";

/** "Step 2 of 4: Send an email" for someone waiting; nothing for those who finished or left. */
function stepWords(t, entry, steps) {
  if (entry.state !== "waiting") return "–";
  const step = steps[entry.step];
  const words = t("entries.stepOf", { number: entry.step + 1, count: steps.length });
  return step ? `${words}: ${stepKindName(step.kind)}` : words;
}

function EntryRow({ entry, steps }) {
  const { t } = useTranslation("automations");
  const state = entryStateName(entry.state);
  return (
    <tr>
      <th scope="row" data-label={t("entries.person")}>
        {entry.person?.name}
      </th>
      <td data-label={t("entries.stateLabel")}>{entry.state === "left" && entry.left_because ? t("entries.leftBecause", { state, because: leftBecauseWords(entry.left_because) }) : state}</td>
      <td data-label={t("entries.step")}>{stepWords(t, entry, steps)}</td>
      <td data-label={t("entries.due")}>{entry.due_at ? formatDateTime(entry.due_at) : "–"}</td>
      <td data-label={t("entries.entered")}>{formatDateTime(entry.entered_at)}</td>
      <td data-label={t("entries.ended")}>{entry.state !== "waiting" && entry.finished_at ? formatDateTime(entry.finished_at) : "–"}</td>
    </tr>
  );
}

export function EntriesSection({ automation }) {
  const { t } = useTranslation("automations");
  const [state, setState] = useState("");
  const [page, setPage] = useState(1);
  const entries = useEntries(automation.id, state, page);
  const filter = (event) => {
    setState(event.target.value);
    setPage(1);
  };
  return (
    <section className="card automation-entries" aria-labelledby="automation-entries-title">
      <h2 id="automation-entries-title">{t("entries.title")}</h2>
      <div className="field automation-filter">
        <label htmlFor="automation-entries-state">{t("entries.filter")}</label>
        <select id="automation-entries-state" value={state} onChange={filter}>
          <option value="">{t("entries.everyone")}</option>
          {Object.entries(ENTRY_STATES).map(([value, words]) => (
            <option key={value} value={value}>
              {t(words)}
            </option>
          ))}
        </select>
      </div>
      {entries.isPending && <Loading />}
      {entries.error && <ErrorMessage error={entries.error} title={t("entries.notLoaded")} onRetry={() => entries.refetch()} />}
      {entries.data && entries.data.items.length === 0 && <p className="muted">{state ? t("entries.noneInState") : t("entries.none")}</p>}
      {entries.data && entries.data.items.length > 0 && (
        <table className="automation-entry-table">
          <caption className="visually-hidden">{t("entries.caption", { name: automation.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("entries.person")}</th>
              <th scope="col">{t("entries.stateLabel")}</th>
              <th scope="col">{t("entries.step")}</th>
              <th scope="col">{t("entries.due")}</th>
              <th scope="col">{t("entries.entered")}</th>
              <th scope="col">{t("entries.ended")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.data.items.map((entry) => (
              <EntryRow key={entry.id} entry={entry} steps={automation.steps ?? []} />
            ))}
          </tbody>
        </table>
      )}
      {entries.data && (
        <Pagination page={entries.data.page} pages={entries.data.pages} onPage={setPage} busy={entries.isFetching} label={t("entries.pages")} />
      )}
    </section>
  );
}
