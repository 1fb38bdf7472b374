/** Studio settings → Import clients: a CSV from Mindbody, Momence or anywhere, checked in a dry run (its mapping,
 *  counts, every bad row and a preview), then imported with its progress shown (docs/studio-guide.md). */
import { useId, useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { KIND_NAMES, MAX_FILE_BYTES, SOURCE_NAMES, checkSummary, importBody, importTally } from "../client-import.js";
import { useCheckClientFile, useClientImportProgress, useStartClientImport } from "../api.js";

function Mapping({ check, choices, onChange }) {
  return (
    <fieldset className="import-mapping">
      <legend>Columns</legend>
      <label htmlFor="import-source">The file comes from</label>{" "}
      <select id="import-source" value={check.source} onChange={(event) => onChange({ source: event.target.value, mapping: null })}>
        {Object.entries(SOURCE_NAMES).map(([value, name]) => (
          <option key={value} value={value}>{name}</option>
        ))}
      </select>
      <p>
        <input id="import-day-first" type="checkbox" checked={choices.dayFirst ?? check.day_first} onChange={(event) => onChange({ dayFirst: event.target.checked })} />{" "}
        <label htmlFor="import-day-first">Dates with slashes are day first (31/12/2026)</label>
      </p>
      <div className="import-fields">
        {Object.entries(check.fields).map(([field, label]) => (
          <p key={field}>
            <label htmlFor={`import-field-${field}`}>{label}</label>
            <select id={`import-field-${field}`} value={(choices.mapping ?? check.mapping)[field] ?? ""} onChange={(event) => onChange({ mapping: { ...(choices.mapping ?? check.mapping), [field]: event.target.value } })}>
              <option value="">Not in the file</option>
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
  const bookings = check.kind === "bookings";
  const when = (row) => (bookings ? new Date(row.class_starts).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : row.ends_on ?? "");
  return (
    <ScrollingTable className="import-preview" caption="The first rows, as they will be written">
      <thead><tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th>{!bookings && <th scope="col">Credits</th>}<th scope="col">{bookings ? "Class starts" : "Until"}</th></tr></thead>
      <tbody>
        {check.preview.map((row) => (
          <tr key={row.line}><td>{row.line}</td><td>{row.name}</td><td>{row.email}</td><td>{row.phone ?? ""}</td>{!bookings && <td>{row.credits ?? ""}</td>}<td>{when(row)}</td></tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function CheckResult({ check }) {
  return (
    <>
      <p role="status">{checkSummary(check)}</p>
      {check.errors_total > 0 && (
        <ScrollingTable className="import-errors" caption={`${check.errors_total.toLocaleString()} problem${check.errors_total === 1 ? "" : "s"}: these rows are left out`}>
          <thead><tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
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
  const progress = useClientImportProgress(started.id);
  const job = progress.data ?? started;
  if (job.status === "failed") return <ErrorMessage error={{ message: job.failure ?? "The import stopped." }} title="The import failed." />;
  if (job.status === "done") return <SuccessMessage>{`Imported. ${importTally(job)}`}</SuccessMessage>;
  return (
    <p>
      <label htmlFor="import-progress">Importing… </label>
      <progress id="import-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
      <span className="muted small-text">{`${job.rows_done.toLocaleString()} of ${job.rows_total.toLocaleString()} rows`}</span>
    </p>
  );
}

export function ClientImport() {
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
      <h2 id="client-import-heading">Import clients</h2>
      <p className="muted">
        A CSV of your clients from Mindbody, Momence or any other system: checked first, nothing written until you import. Clients are found by email or get an account (nobody is emailed: they claim it with “Forgot your password?”); pass balances come in as they are. Make your passes first. Then bring their upcoming bookings: each row takes a seat in the class of that name starting then (make your schedule first), paid in the system you leave, with no confirmation sent.
      </p>
      <p>
        <label htmlFor="import-kind">The file holds</label>{" "}
        <select id="import-kind" value={kind} onChange={chooseKind}>
          {Object.entries(KIND_NAMES).map(([value, name]) => (
            <option key={value} value={value}>{name}</option>
          ))}
        </select>
      </p>
      <p>
        <label htmlFor="client-file">{kind === "bookings" ? "Bookings file (CSV)" : "Client file (CSV)"}</label>{" "}
        <input id="client-file" type="file" accept=".csv,text/csv" onChange={choose} />
      </p>
      {tooBig && <ErrorMessage error={{ message: "This file is over 8 MB: split it into smaller files." }} title="The file was not read." />}
      <ErrorMessage error={check.error} title="The file was not checked." />
      {file && result && !started && (
        <>
          <Mapping check={result} choices={choices} onChange={change} />
          <CheckResult check={result} />
          <ErrorMessage error={start.error} title="The import was not started." />
          <button type="button" className="button primary" disabled={start.isPending || check.isPending || result.rows_ok === 0} onClick={() => start.mutate(importBody(file.text, choices, kind), { onSuccess: setStarted })}>
            {start.isPending ? "Starting…" : `Import ${result.rows_ok.toLocaleString()} ${kind === "bookings" ? "booking" : "client"}${result.rows_ok === 1 ? "" : "s"}`}
          </button>
        </>
      )}
      {started && <Progress started={started} />}
    </section>
  );
}
