/** Studio settings → Export: everything the studio holds as one ZIP of CSV files (docs/export-format.md). Written
 *  in steps on the server, its progress shown; its download link is shown once and works once. */
import { useState } from "react";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { useExportProgress, useStartExport } from "../api.js";

function Progress({ started }) {
  const progress = useExportProgress(started.id);
  const job = progress.data ?? started;
  if (job.status === "failed") return <ErrorMessage error={{ message: job.failure ?? "The export could not be written." }} title="The export failed." />;
  if (job.status !== "ready") {
    return (
      <p>
        <label htmlFor="export-progress">Writing the export… </label>
        <progress id="export-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
        <span className="muted small-text">{`${job.rows_done.toLocaleString()} of ${job.rows_total.toLocaleString()} rows`}</span>
      </p>
    );
  }
  return (
    <p>
      <a className="button primary" href={started.download_url} download>
        Download the ZIP
      </a>{" "}
      <span className="muted small-text">The link works once, until {new Date(started.expires_at).toLocaleString()}.</span>
    </p>
  );
}

export function StudioExport() {
  const start = useStartExport();
  const [started, setStarted] = useState(null);
  return (
    <section className="card" aria-labelledby="studio-export-heading">
      <h2 id="studio-export-heading">Export</h2>
      <p className="muted">
        Everything the studio holds, as CSV files in one ZIP: clients, events and sessions, bookings with guests and answers, passes and their ledgers, codes, payments, refunds, invoices, attendance and feedback, and the client book with its notes, tags and consent. Keep this page open: its link is shown once.
      </p>
      <ErrorMessage error={start.error} title="The export was not started." />
      {started ? (
        <Progress started={started} />
      ) : (
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setStarted })}>
          {start.isPending ? "Starting…" : "Export everything"}
        </button>
      )}
    </section>
  );
}
