/** /facilitator/integration: are the CRM and the people who book getting what we send? Each channel's status side by
 *  side with its retry, and (admins) a test send to the CRM: the whole platform's for an admin, the current studio's
 *  messages alone for its members with money.view. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading, SuccessMessage } from "../../../components/Feedback.jsx";
import { Flash } from "../../../components/Flash.jsx";
import { useAuth } from "../../../lib/auth.jsx";
import { formatClock } from "../../../lib/format.js";
import { usePageTitle } from "../../../lib/use-page-title.js";
import { useStudio } from "../../../lib/studio.jsx";
import { useDeliveryScope, useIntegrationStatus, useRetryFailed, useSendTest } from "../api.js";
import { channelFigures, channelsIn, channelWords } from "../channels.js";
import { ChannelPanel } from "./StatusPanel.jsx";
import "../integration.css";

function TestOutcome({ result }) {
  const { t } = useTranslation("integration");
  if (!result) return null;
  if (result.delivered) return <SuccessMessage>{t("test.delivered")}</SuccessMessage>;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t("test.notDelivered")} </strong>
      {result.reachable ? t("test.refused") : t("test.unreachable")}
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
  const { t } = useTranslation("integration");
  const test = useSendTest();
  return (
    <div className="integration-action">
      <button type="button" className="button secondary" onClick={() => !test.isPending && test.mutate()} aria-disabled={test.isPending || undefined}>
        {test.isPending ? t("test.sending") : t("test.send")}
      </button>
      <p className="muted small-text">{t("test.explanation")}</p>
      <TestOutcome result={test.data} />
      <ErrorMessage error={test.error} title={t("test.failed")} />
    </div>
  );
}

/** Whose figures these are, under the title: the studio's, or nobody's for a person without a studio's money.view. */
function Whose({ scope }) {
  const { t } = useTranslation("integration");
  const { studio, ready } = useStudio();
  if (scope?.key === "platform") return null;
  if (studio && scope) return <p className="studio-scope">{t("scope.studioOnly", { studio: studio.name })}</p>;
  if (!ready) return <Loading label={t("scope.loadingStudios")} />;
  return <p role="status">{studio ? t("scope.notYourRole", { studio: studio.name }) : t("scope.noStudio")}</p>;
}

export function IntegrationPage() {
  const { t } = useTranslation("integration");
  usePageTitle(t("page.title"));
  const { user } = useAuth();
  const scope = useDeliveryScope();
  const status = useIntegrationStatus();
  const isAdmin = user?.role === "admin";

  return (
    <section className="page integration">
      <div className="integration-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted small-text">
            {status.dataUpdatedAt ? t("page.explanationUpdated", { time: formatClock(status.dataUpdatedAt) }) : t("page.explanation")}
          </p>
        </div>
        {/* Not disabled while fetching: the page refreshes itself every 10 s, and the focus would be lost each time. */}
        {scope && (
          <button type="button" className="button secondary" onClick={() => !status.isFetching && status.refetch()} aria-busy={status.isFetching}>
            {t("page.refresh")}
          </button>
        )}
      </div>
      <Whose scope={scope} />

      {!scope ? null : status.isPending ? (
        <Loading label={t("page.checking")} />
      ) : !status.data ? (
        <ErrorMessage error={status.error} title={t("page.loadFailed")} onRetry={() => status.refetch()} />
      ) : (
        <>
          {status.isError && <ErrorMessage error={status.error} title={t("page.refreshFailed")} onRetry={() => status.refetch()} />}
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
