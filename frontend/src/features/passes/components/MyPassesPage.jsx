/** /my-passes: the signed-in person's class packs and memberships, newest first, and what a pass's checkout came back
 *  with (?pass=<id>&result=success|cancel), or that a pass with nothing to pay is ready. */
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { EmptyState, ErrorMessage, Loading } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { paths } from "../../../lib/paths.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useOwnedPasses } from "../api.js";
import { returnMessage } from "../pass-status.js";
import { OwnedPassCard } from "./OwnedPassCard.jsx";
import "../passes.css";

function ReturnNote({ text }) {
  return (
    <div className="alert alert-note" role="status">
      {text}
    </div>
  );
}

/** What My passes says of a pass with nothing to pay, just got (its name in the navigation's state), or null. */
function readyText(t, ready) {
  if (!ready) return null;
  return ready.name ? t("myPasses.ready", { name: ready.name }) : t("myPasses.readyUnnamed");
}

export function MyPassesPage() {
  const { t } = useTranslation("passes");
  usePageTitle(t("myPasses.title"));
  const [params] = useSearchParams();
  const { state } = useLocation();
  const passes = useOwnedPasses();
  const back = returnMessage(params.get("result"));
  const boughtId = params.get("pass");
  const ready = readyText(t, state?.ready);

  let content;
  if (passes.isPending) content = <Loading label={t("myPasses.loading")} />;
  else if (passes.isError) content = <ErrorMessage error={passes.error} title={t("myPasses.loadError")} onRetry={() => passes.refetch()} />;
  else if (passes.data.length === 0) {
    content = (
      <EmptyState title={t("myPasses.empty")}>
        <p>{t("myPasses.emptyHint")}</p>
        <Link to={paths.events} className="button primary">
          {t("myPasses.browseEvents")}
        </Link>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="grid pass-list">
        {passes.data.map((pass) => (
          <OwnedPassCard key={pass.id} pass={pass} highlighted={String(pass.id) === boughtId} />
        ))}
      </ul>
    );
  }

  return (
    <section className="page">
      <h1>{t("myPasses.title")}</h1>
      <Flash message={back?.ok ?? ready} />
      {back?.note && <ReturnNote text={back.note} />}
      <p className="muted">{t("myPasses.intro")}</p>
      {content}
      <p>
        <Link to={paths.myBookings}>{t("myPasses.myBookings")}</Link>
      </p>
    </section>
  );
}
