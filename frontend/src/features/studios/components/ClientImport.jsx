/** Studio settings → Import clients: a CSV from Mindbody, Momence or anywhere, checked in a dry run (its mapping,
 *  counts, every bad row and a preview), then imported with its progress shown (docs/studio-guide.md). */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { KIND_NAMES, MAX_FILE_BYTES, SOURCE_NAMES, checkSummary, importBody, importTally } from "../client-import.js";
import { useCheckClientFile, useClientImportProgress, useStartClientImport } from "../api.js";

function Mapping({ check, choices, onChange }) {
  const { t } = useTranslation("studios");
  return (
    <fieldset className="import-mapping">
      <legend>{t("clientImport.columns")}</legend>
      <label htmlFor="import-source">{t("clientImport.source")}</label>{" "}
      <select id="import-source" value={check.source} onChange={(event) => onChange({ source: event.target.value, mapping: null })}>
        {Object.entries(SOURCE_NAMES).map(([value, key]) => (
          <option key={value} value={value}>{t(key)}</option>
        ))}
      </select>
      <p>
        <input id="import-day-first" type="checkbox" checked={choices.dayFirst ?? check.day_first} onChange={(event) => onChange({ dayFirst: event.target.checked })} />{" "}
        <label htmlFor="import-day-first">{t("clientImport.dayFirst")}</label>
      </p>
      <div className="import-fields">
        {Object.entries(check.fields).map(([field, label]) => (
          <p key={field}>
            <label htmlFor={`import-field-${field}`}>{label}</label>
            <select id={`import-field-${field}`} value={(choices.mapping ?? check.mapping)[field] ?? ""} onChange={(event) => onChange({ mapping: { ...(choices.mapping ?? check.mapping), [field]: event.target.value } })}>
              <option value="">{t("clientImport.notInFile")}</option>
              {check.headers.map((header) => (
                <option key={header} value={header}>{header}</option>
              ))}
            </select>
          </p>
        ))}
      </div>
    </fieldset>
  );
}

/** A table that scrolls sideways on a narrow screen inside a region of its own, named by its caption and reachable by
 *  keyboard, so its far columns can be read without a mouse (axe scrollable-region-focusable). */
function ScrollingTable({ caption, className, children }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={`table ${className}`}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

function Preview({ check }) {
  const { t } = useTranslation("studios");
  const bookings = check.kind === "bookings";
  const when = (row) => (bookings ? formatDateTime(row.class_starts) : row.ends_on ?? "");
  return (
    <ScrollingTable className="import-preview" caption={t("clientImport.preview.caption")}>
      <thead>
        <tr>
          <th scope="col">{t("clientImport.line")}</th>
          <th scope="col">{t("clientImport.preview.name")}</th>
          <th scope="col">{t("clientImport.preview.email")}</th>
          <th scope="col">{t("clientImport.preview.phone")}</th>
          {!bookings && <th scope="col">{t("clientImport.preview.credits")}</th>}
          <th scope="col">{bookings ? t("clientImport.preview.classStarts") : t("clientImport.preview.until")}</th>
        </tr>
      </thead>
      <tbody>
        {check.preview.map((row) => (
          <tr key={row.line}><td>{row.line}</td><td>{row.name}</td><td>{row.email}</td><td>{row.phone ?? ""}</td>{!bookings && <td>{row.credits ?? ""}</td>}<td>{when(row)}</td></tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function CheckResult({ check }) {
  const { t } = useTranslation("studios");
  return (
    <>
      <p role="status">{checkSummary(check)}</p>
      {check.errors_total > 0 && (
        <ScrollingTable className="import-errors" caption={t("clientImport.problems.caption", { count: check.errors_total })}>
          <thead>
            <tr>
              <th scope="col">{t("clientImport.line")}</th>
              <th scope="col">{t("clientImport.problems.field")}</th>
              <th scope="col">{t("clientImport.problems.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {check.errors.map((error) => (
              <tr key={`${error.line}-${error.field}`}><td>{error.line}</td><td>{error.field}</td><td>{error.message}</td></tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {check.preview.length > 0 && <Preview check={check} />}
    </>
  );
}

function Progress({ started }) {
  const { t } = useTranslation("studios");
  const progress = useClientImportProgress(started.id);
  const job = progress.data ?? started;
  if (job.status === "failed") return <ErrorMessage error={{ message: job.failure ?? t("clientImport.stopped") }} title={t("clientImport.failed")} />;
  if (job.status === "done") return <SuccessMessage>{t("clientImport.imported", { tally: importTally(job) })}</SuccessMessage>;
  return (
    <p>
      <label htmlFor="import-progress">{t("clientImport.importing")} </label>
      <progress id="import-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
      <span className="muted small-text">{t("export.rows", { done: job.rows_done, total: job.rows_total })}</span>
    </p>
  );
}

export function ClientImport() {
  const { t } = useTranslation("studios");
  const check = useCheckClientFile();
  const start = useStartClientImport();
  const [file, setFile] = useState(null); // {name, text}
  const [choices, setChoices] = useState({});
  const [started, setStarted] = useState(null);
  const [tooBig, setTooBig] = useState(false);
  const [kind, setKind] = useState("clients");

  const choose = async (event) => {
    const picked = event.target.files?.[0];
    setStarted(null);
    setChoices({});
    setTooBig(Boolean(picked && picked.size > MAX_FILE_BYTES));
    if (!picked || picked.size > MAX_FILE_BYTES) return setFile(null);
    const text = await picked.text();
    setFile({ name: picked.name, text });
    check.mutate(importBody(text, {}, kind));
  };
  const change = (changed) => {
    const next = { ...choices, ...changed };
    setChoices(next);
    check.mutate(importBody(file.text, next, kind));
  };
  const chooseKind = (event) => {
    setKind(event.target.value);
    setStarted(null);
    setChoices({});
    if (file) check.mutate(importBody(file.text, {}, event.target.value));
  };
  const result = check.data;
  return (
    <section className="card client-import" aria-labelledby="client-import-heading">
      <h2 id="client-import-heading">{t("clientImport.title")}</h2>
      <p className="muted">{t("clientImport.intro")}</p>
      <p>
        <label htmlFor="import-kind">{t("clientImport.kind")}</label>{" "}
        <select id="import-kind" value={kind} onChange={chooseKind}>
          {Object.entries(KIND_NAMES).map(([value, key]) => (
            <option key={value} value={value}>{t(key)}</option>
          ))}
        </select>
      </p>
      <p>
        <label htmlFor="client-file">{kind === "bookings" ? t("clientImport.bookingsFile") : t("clientImport.clientFile")}</label>{" "}
        <input id="client-file" type="file" accept=".csv,text/csv" onChange={choose} />
      </p>
      {tooBig && <ErrorMessage error={{ message: t("clientImport.tooBig") }} title={t("clientImport.notRead")} />}
      <ErrorMessage error={check.error} title={t("clientImport.notChecked")} />
      {file && result && !started && (
        <>
          <Mapping check={result} choices={choices} onChange={change} />
          <CheckResult check={result} />
          <ErrorMessage error={start.error} title={t("clientImport.notStarted")} />
          <button type="button" className="button primary" disabled={start.isPending || check.isPending || result.rows_ok === 0} onClick={() => start.mutate(importBody(file.text, choices, kind), { onSuccess: setStarted })}>
            {start.isPending ? t("clientImport.starting") : t("clientImport.start", { kind, count: result.rows_ok })}
          </button>
        </>
      )}
      {started && <Progress started={started} />}
    </section>
  );
}
