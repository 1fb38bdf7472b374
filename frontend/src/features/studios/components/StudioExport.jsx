/** Studio settings → Export: everything the studio holds as one ZIP of CSV files (docs/export-format.md). Written
 *  in steps on the server, its progress shown; its download link is shown once and works once. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../../components/Feedback.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { useExportProgress, useStartExport } from "../api.js";

function Progress({ started }) {
  const { t } = useTranslation("studios");
  const progress = useExportProgress(started.id);
  const job = progress.data ?? started;
  if (job.status === "failed") return <ErrorMessage error={{ message: job.failure ?? t("export.notWritten") }} title={t("export.failed")} />;
  if (job.status !== "ready") {
    return (
      <p>
        <label htmlFor="export-progress">{t("export.writing")} </label>
        <progress id="export-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
        <span className="muted small-text">{t("export.rows", { done: job.rows_done, total: job.rows_total })}</span>
      </p>
    );
  }
  return (
    <p>
      <a className="button primary" href={started.download_url} download>
        {t("export.download")}
      </a>{" "}
      <span className="muted small-text">{t("export.linkOnce", { until: formatDateTime(started.expires_at) })}</span>
    </p>
  );
}

export function StudioExport() {
  const { t } = useTranslation("studios");
  const start = useStartExport();
  const [started, setStarted] = useState(null);
  return (
    <section className="card" aria-labelledby="studio-export-heading">
      <h2 id="studio-export-heading">{t("export.title")}</h2>
      <p className="muted">{t("export.intro")}</p>
      <ErrorMessage error={start.error} title={t("export.notStarted")} />
      {started ? (
        <Progress started={started} />
      ) : (
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setStarted })}>
          {start.isPending ? t("export.starting") : t("export.start")}
        </button>
      )}
    </section>
  );
}
