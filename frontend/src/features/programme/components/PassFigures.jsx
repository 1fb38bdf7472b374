/** A studio's pass figures at a glance (passes sold, active members, credits still to be used, code uses), and
 *  every pass sold as a CSV download. */
import { ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { useDownloadPassesSold, usePassSummary } from "../api.js";

const FIGURES = [
  ["passes_sold", "Passes sold"],
  ["active_members", "Active members"],
  ["credits_outstanding", "Credits outstanding"],
  ["code_uses", "Code uses"],
];

export function PassFigures() {
  const summary = usePassSummary();
  const download = useDownloadPassesSold();
  let figures;
  if (summary.isPending) figures = <Loading label="Loading your figures…" />;
  else if (summary.isError) figures = <ErrorMessage error={summary.error} title="Couldn't load your figures." onRetry={() => summary.refetch()} />;
  else {
    figures = (
      <dl className="facts pass-figures">
        {FIGURES.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{summary.data[key].toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <section aria-labelledby="pass-figures-heading">
      <div className="section-head">
        <h2 id="pass-figures-heading">Your figures</h2>
        <button type="button" className="button secondary small" onClick={() => !download.isPending && download.mutate()} aria-disabled={download.isPending || undefined} aria-busy={download.isPending}>
          Download CSV
        </button>
      </div>
      <ErrorMessage error={download.error} title="The CSV could not be downloaded." />
      {figures}
      <p className="muted small-text">Credits outstanding: classes left on packs still good. Code uses: discount codes used and paid for, on bookings and passes. The CSV lists every pass sold with its person, terms and credits left.</p>
    </section>
  );
}
