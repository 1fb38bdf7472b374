/** /unsubscribe?token=…&marketing=1: reached from a studio's marketing email's footer, signed in or not. Opening it
 *  only reads the link (GET /marketing/unsubscribe, which changes nothing: mail scanners open links); the button
 *  stops that studio's marketing emails to the person (POST). A used link and a bad one are said in words. */
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { t as translate } from "../../../lib/i18n.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMarketingLink, useUnsubscribeMarketing } from "../marketing-api.js";

/** What the page says of a link that is not one of ours (or not whole). */
export const marketingLinkNotValid = () => translate("clients:unsubscribe.notValid");

/** The outcome, focused as it appears: an alert for a bad link, a status for the rest. */
function Outcome({ error, children }) {
  const ref = useFocusOnAppear(children);
  return (
    <div ref={ref} tabIndex={-1} className="outcome">
      {error ? (
        <div className="alert alert-error" role="alert">
          {children}
        </div>
      ) : (
        <SuccessMessage>{children}</SuccessMessage>
      )}
    </div>
  );
}

/** What the page says for the link read (`link`) and the click (`unsubscribe`). */
function Content({ token, link, unsubscribe }) {
  const { t } = useTranslation("clients");
  const invalid = [link.error, unsubscribe.error].some((error) => error?.code === "invalid_token");
  if (!token || invalid) return <Outcome error>{marketingLinkNotValid()}</Outcome>;
  if (link.isPending) return <Loading label={t("unsubscribe.checking")} />;
  if (link.error) return <ErrorMessage error={link.error} title={t("unsubscribe.checkFailed")} onRetry={() => link.refetch()} />;
  const { studio } = link.data;
  if (unsubscribe.isSuccess) return <Outcome>{t("unsubscribe.done", { studio: (unsubscribe.data?.studio ?? studio).name })}</Outcome>;
  if (link.data.unsubscribed || unsubscribe.error?.code === "already_unsubscribed") return <Outcome>{t("unsubscribe.used", { studio: studio.name })}</Outcome>;
  return (
    <>
      <p>{t("unsubscribe.why", { studio: studio.name })}</p>
      <ErrorMessage error={unsubscribe.error} title={t("unsubscribe.stillSubscribed")} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)} aria-disabled={unsubscribe.isPending || undefined} aria-busy={unsubscribe.isPending}>
          {t("unsubscribe.button")}
        </button>
      </div>
    </>
  );
}

/** The heading: the question while it is one, else what the page is about. */
function headingOf(t, link, unsubscribe) {
  const settled = unsubscribe.isSuccess || ["invalid_token", "already_unsubscribed"].includes(unsubscribe.error?.code);
  const asking = link.data && !link.data.unsubscribed && !settled;
  return asking ? t("unsubscribe.question", { studio: link.data.studio.name }) : t("unsubscribe.heading");
}

export function MarketingUnsubscribe() {
  const { t } = useTranslation("clients");
  usePageTitle(t("unsubscribe.title"));
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const link = useMarketingLink(token);
  const unsubscribe = useUnsubscribeMarketing();
  return (
    <section className="page narrow">
      <h1>{headingOf(t, link, unsubscribe)}</h1>
      <div className="card unsubscribe marketing-unsubscribe">
        <Content token={token} link={link} unsubscribe={unsubscribe} />
      </div>
    </section>
  );
}
