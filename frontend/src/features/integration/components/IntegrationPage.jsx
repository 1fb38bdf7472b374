/** /facilitator/integration: are the CRM and the people who book getting what we send? Each channel's status side by
 *  side with its retry, and (admins) a test send to the CRM: the whole platform's for an admin, the current studio's
 *  messages alone for its members with money.view. */
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useDeliveryScope, useIntegrationStatus, useRetryFailed, useSendTest } from "../api.js";
import { channelFigures, channelsIn, channelWords } from "../channels.js";
import { ChannelPanel } from "./StatusPanel.jsx";
import "../integration.css";

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

function TestOutcome({ result }) {
  if (!result) return null;
  if (result.delivered) {
    return (
      <SuccessMessage>
        Test notification delivered. The CRM is reachable and accepted it.
      </SuccessMessage>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      <strong>Test notification not delivered. </strong>
      {result.reachable ? "The CRM answers its health check, but refused the notification." : "The CRM can't be reached."}
      {result.error && <span className="test-error"> {result.error}</span>}
    </div>
  );
}

/** Retrying one channel's dead messages (?channel=crm | email | sms | app | payments | timers). */
function RetryAction({ channel, dead, operator }) {
  const retry = useRetryFailed(channel);
  const text = channelWords(channel, operator);
  return (
    <div className="integration-action">
      <button type="button" className="button primary" onClick={() => !retry.isPending && retry.mutate()} disabled={!dead && !retry.isPending} aria-disabled={retry.isPending || undefined}>
        {text.retryLabel}
      </button>
      <p className="muted small-text">{dead ? text.retryHint : text.noneFailed}</p>
      {/* The button is disabled once nothing has failed: the message takes the focus. */}
      <Flash message={retry.isSuccess ? text.requeued(retry.data?.requeued ?? 0) : null} />
      <ErrorMessage error={retry.error} title={text.retryError} />
    </div>
  );
}

function TestAction() {
  const test = useSendTest();
  return (
    <div className="integration-action">
      <button type="button" className="button secondary" onClick={() => !test.isPending && test.mutate()} aria-disabled={test.isPending || undefined}>
        {test.isPending ? "Sending…" : "Send test notification"}
      </button>
      <p className="muted small-text">Sends a notification to the CRM now, outside the queue, and shows what happened.</p>
      <TestOutcome result={test.data} />
      <ErrorMessage error={test.error} title="The test could not be run." />
    </div>
  );
}

/** Whose figures these are, under the title: the studio's, or nobody's for a person without a studio's money.view. */
function Whose({ scope }) {
  const { studio, ready } = useStudio();
  if (scope?.key === "platform") return null;
  if (studio && scope) return <p className="studio-scope">{`${studio.name}'s messages only.`}</p>;
  if (!ready) return <Loading label="Loading your studios…" />;
  return (
    <p role="status">
      {studio
        ? `Your role at ${studio.name} doesn't include the delivery figures: they are for its owners and managers.`
        : "Delivery figures belong to a studio: they show once you are an owner or manager of one."}
    </p>
  );
}

export function IntegrationPage() {
  usePageTitle("Delivery: CRM, email, texts, payments");
  const { user } = useAuth();
  const scope = useDeliveryScope();
  const status = useIntegrationStatus();
  const isAdmin = user?.role === "admin";

  return (
    <section className="page integration">
      <div className="integration-head">
        <div>
          <h1>Delivery: CRM, email, texts, payments</h1>
          <p className="muted small-text">
            Every booking change is delivered to the CRM, every email and text to the people who book is sent, and
            every refund is asked of the payment provider, through a queue. This page refreshes every 10 seconds
            {status.dataUpdatedAt ? ` · updated ${timeOfDay.format(status.dataUpdatedAt)}` : ""}.
          </p>
        </div>
        {/* Not disabled while fetching: the page refreshes itself every 10 s, and the focus would be lost each time. */}
        {scope && (
          <button type="button" className="button secondary" onClick={() => !status.isFetching && status.refetch()} aria-busy={status.isFetching}>
            Refresh
          </button>
        )}
      </div>
      <Whose scope={scope} />

      {!scope ? null : status.isPending ? (
        <Loading label="Checking the deliveries…" />
      ) : !status.data ? (
        <ErrorMessage error={status.error} title="The integration status could not be loaded." onRetry={() => status.refetch()} />
      ) : (
        <>
          {status.isError && <ErrorMessage error={status.error} title="Couldn't refresh; these figures may be out of date." onRetry={() => status.refetch()} />}
          <div className="channels">
            {channelsIn(status.data).map((channel) => (
              <ChannelPanel
                key={channel}
                status={status.data}
                channel={channel}
                operator={isAdmin}
                actions={
                  <>
                    <RetryAction channel={channel} dead={channelFigures(status.data, channel).outbox.dead ?? 0} operator={isAdmin} />
                    {channel === "crm" && isAdmin && <TestAction />}
                  </>
                }
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
