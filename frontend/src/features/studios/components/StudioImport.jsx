/** Studio settings → Move a studio here: a studio export (its ZIP, as Export writes it) of another install brought
 *  into this studio while it has no events or passes. Written in steps on the server, its progress shown; a failed
 *  import takes back all it wrote. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, SuccessMessage } from "../../../components/Feedback.jsx";
import { useStartStudioImport, useStudioImportProgress } from "../api.js";
import { failureText, progressText, writtenLines } from "../studio-import.js";

function Written({ job }) {
  const { t } = useTranslation("studios");
  return (
    <>
      <SuccessMessage>{t("studioImport.done")}</SuccessMessage>
      <ul className="import-written" aria-label={t("studioImport.written")}>
        {writtenLines(job.written).map((line) => (
          <li key={line.file}>{t("studioImport.writtenLine", { name: line.name, count: line.count })}</li>
        ))}
      </ul>
    </>
  );
}

function Progress({ job }) {
  const { t } = useTranslation("studios");
  if (job.status === "failed") return <ErrorMessage error={{ message: failureText(job) }} title={t("studioImport.failed")} />;
  if (job.status === "done") return <Written job={job} />;
  return (
    <p>
      <label htmlFor="studio-import-progress">{t("studioImport.importing")} </label>
      <progress id="studio-import-progress" value={job.rows_done} max={Math.max(job.rows_total, 1)} />{" "}
      <span className="muted small-text">{progressText(job)}</span>
    </p>
  );
}

export function StudioImport() {
  const { t } = useTranslation("studios");
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
      <h2 id="studio-import-heading">{t("studioImport.title")}</h2>
      <p className="muted">{t("studioImport.intro")}</p>
      <p>
        <label htmlFor="studio-import-file">{t("studioImport.file")}</label>{" "}
        <input id="studio-import-file" type="file" accept=".zip,application/zip" disabled={start.isPending || job?.status === "running"} onChange={choose} />
      </p>
      <ErrorMessage error={start.error} title={t("studioImport.notStarted")} />
      {job ? (
        <Progress job={job} />
      ) : (
        <button type="button" className="button primary" disabled={!file || start.isPending} onClick={() => start.mutate(file, { onSuccess: setStarted })}>
          {start.isPending ? t("studioImport.starting") : t("studioImport.start")}
        </button>
      )}
    </section>
  );
}
