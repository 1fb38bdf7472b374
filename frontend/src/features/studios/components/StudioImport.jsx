/** Studio settings → Move a studio here: a studio export (its ZIP, as Export writes it) of another install brought
 *  into this studio while it has no events or passes. Written in steps on the server, its progress shown; a failed
 *  import takes back all it wrote. */
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { useStartStudioImport, useStudioImportProgress } from "../api.js";
import { failureText, progressText, writtenLines } from "../studio-import.js";

function Written({ job }) {
  return (
    <>
      <SuccessMessage>Imported: the studio now holds what the export held.</SuccessMessage>
      <ul className="import-written" aria-label="Rows written">
        {writtenLines(job.written).map((line) => (
          <li key={line.file}>{`${line.name}: ${line.count.toLocaleString()}`}</li>
        ))}
      </ul>
    </>
  );
}

function Progress({ job }) {
  if (job.status === "failed") return <ErrorMessage error={{ message: failureText(job) }} title="The import failed." />;
  if (job.status === "done") return <Written job={job} />;
  return (
    <p>
      <label htmlFor="studio-import-progress">Importing… </label>
      <progress id="studio-import-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
      <span className="muted small-text">{progressText(job)}</span>
    </p>
  );
}

export function StudioImport() {
  const start = useStartStudioImport();
  const [file, setFile] = useState(null);
  const [started, setStarted] = useState(null);
  const progress = useStudioImportProgress(started?.id);
  const job = started && (progress.data ?? started);

  const choose = (event) => {
    start.reset();
    setStarted(null);
    setFile(event.target.files?.[0] ?? null);
  };
  return (
    <section className="card studio-import" aria-labelledby="studio-import-heading">
      <h2 id="studio-import-heading">Move a studio here</h2>
      <p className="muted">
        Bring a whole studio from another install of this platform, from the ZIP its Export wrote: its clients, timetable, passes, bookings, payments and invoices. It goes only into a studio with no events or passes yet. Staff named in it (instructors, who took a payment) become you. If a row cannot be written, nothing is kept.
      </p>
      <p>
        <label htmlFor="studio-import-file">Studio export (ZIP)</label>{" "}
        <input id="studio-import-file" type="file" accept=".zip,application/zip" disabled={start.isPending || job?.status === "running"} onChange={choose} />
      </p>
      <ErrorMessage error={start.error} title="The import was not started." />
      {job ? (
        <Progress job={job} />
      ) : (
        <button type="button" className="button primary" disabled={!file || start.isPending} onClick={() => start.mutate(file, { onSuccess: setStarted })}>
          {start.isPending ? "Starting…" : "Import the export"}
        </button>
      )}
    </section>
  );
}
