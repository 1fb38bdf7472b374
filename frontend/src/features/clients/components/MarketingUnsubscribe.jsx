/** /unsubscribe?token=…&marketing=1: reached from a studio's marketing email's footer, signed in or not. Opening it
 *  only reads the link (GET /marketing/unsubscribe, which changes nothing: mail scanners open links); the button
 *  stops that studio's marketing emails to the person (POST). A used link and a bad one are said in words. */
import { useSearchParams } from "react-router";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { useFocusOnAppear } from "../../../lib/use-focus-on-appear.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useMarketingLink, useUnsubscribeMarketing } from "../marketing-api.js";

export const MARKETING_LINK_NOT_VALID = "This unsubscribe link is not valid: it may have been copied only in part. Open it again from the email.";

const doneText = (studio) => `You will get no more marketing emails from ${studio.name}.`;
const usedText = (studio) => `This link was used already: you get no more marketing emails from ${studio.name}.`;

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
  const invalid = [link.error, unsubscribe.error].some((error) => error?.code === "invalid_token");
  if (!token || invalid) return <Outcome error>{MARKETING_LINK_NOT_VALID}</Outcome>;
  if (link.isPending) return <Loading label="Checking the link…" />;
  if (link.error) return <ErrorMessage error={link.error} title="The link could not be checked." onRetry={() => link.refetch()} />;
  const { studio } = link.data;
  if (unsubscribe.isSuccess) return <Outcome>{doneText(unsubscribe.data?.studio ?? studio)}</Outcome>;
  if (link.data.unsubscribed || unsubscribe.error?.code === "already_unsubscribed") return <Outcome>{usedText(studio)}</Outcome>;
  return (
    <>
      <p>
        You get these emails because you told {studio.name} they may send you news and offers. Emails about your bookings
        still come.
      </p>
      <ErrorMessage error={unsubscribe.error} title="You are still subscribed." />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => !unsubscribe.isPending && unsubscribe.mutate(token)} aria-disabled={unsubscribe.isPending || undefined} aria-busy={unsubscribe.isPending}>
          Unsubscribe
        </button>
      </div>
    </>
  );
}

/** The heading: the question while it is one, else what the page is about. */
function headingOf(link, unsubscribe) {
  const settled = unsubscribe.isSuccess || ["invalid_token", "already_unsubscribed"].includes(unsubscribe.error?.code);
  const asking = link.data && !link.data.unsubscribed && !settled;
  return asking ? `Stop marketing emails from ${link.data.studio.name}?` : "Marketing emails";
}

export function MarketingUnsubscribe() {
  usePageTitle("Stop marketing emails");
  const [searchParams] = useSearchParams();
  const token = (searchParams.get("token") ?? "").trim();
  const link = useMarketingLink(token);
  const unsubscribe = useUnsubscribeMarketing();
  return (
    <section className="page narrow">
      <h1>{headingOf(link, unsubscribe)}</h1>
      <div className="card unsubscribe marketing-unsubscribe">
        <Content token={token} link={link} unsubscribe={unsubscribe} />
      </div>
    </section>
  );
}
