/** A studio's pass figures at a glance (passes sold, active members, credits still to be used, code uses), and
 *  every pass sold as a CSV download. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useDownloadPassesSold, usePassSummary } from "../api.js";

const FIGURES = [
  ["passes_sold", "passFigures.passesSold"],
  ["active_members", "passFigures.activeMembers"],
  ["credits_outstanding", "passFigures.creditsOutstanding"],
  ["code_uses", "passFigures.codeUses"],
];

export function PassFigures() {
  const { t } = useTranslation("programme");
  const summary = usePassSummary();
  const download = useDownloadPassesSold();
  let figures;
  if (summary.isPending) figures = <Loading label={t("passFigures.loading")} />;
  else if (summary.isError) figures = <ErrorMessage error={summary.error} title={t("passFigures.loadFailed")} onRetry={() => summary.refetch()} />;
  else {
    figures = (
      <dl className="facts pass-figures">
        {FIGURES.map(([key, label]) => (
          <div key={key}>
            <dt>{t(label)}</dt>
            <dd>{summary.data[key].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <section aria-labelledby="pass-figures-heading">
      <div className="section-head">
        <h2 id="pass-figures-heading">{t("passFigures.heading")}</h2>
        <button type="button" className="button secondary small" onClick={() => !download.isPending && download.mutate()} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          {t("passFigures.download")}
        </button>
      </div>
      <ErrorMessage error={download.error} title={t("passFigures.downloadFailed")} />
      {figures}
      <p className="muted small-text">{t("passFigures.note")}</p>
    </section>
  );
}
