/** The figures of one delivery channel (the CRM, email, texts or payments): is the other side reachable, what waits, what
 *  failed, when it last worked; its retry (and any other action) at the foot of its card. Admins read the operators'
 *  words (addresses, the raw error); facilitators plain ones. */
import { Trans, useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.js";
import { channelFigures, channelWords } from "../channels.js";

/** wide: a row of its own; count: a figure, shown large. */
function Fact({ label, children, wide = false, count = false }) {
  return (
    <div className={["fact", wide && "wide", count && "count"].filter(Boolean).join(" ")}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** codeText(status_code): how the channel names the other side's answer ("HTTP 503", "SMTP 535"). */
function LastError({ lastError, codeText }) {
  const { t } = useTranslation("integration");
  if (!lastError) return t("panel.none");
  return (
    <div className="last-error">
      <span>{formatDateTime(lastError.attempted_at)}</span>
      <span>{lastError.status_code ? codeText(lastError.status_code) : t("panel.noResponse")}</span>
      <span className="last-error-text">{lastError.error}</span>
      {lastError.message_id && <span className="muted small-text">{t("panel.message", { id: lastError.message_id })}</span>}
    </div>
  );
}

/** A facilitator's last error: when, and whether the other side refused or could not be reached. */
function LastProblem({ lastError, words }) {
  const { t } = useTranslation("integration");
  if (!lastError) return t("panel.none");
  return (
    <div className="last-error">
      <span>{formatDateTime(lastError.attempted_at)}</span>
      <span>{lastError.status_code ? words.refused : words.unreachable}</span>
    </div>
  );
}

function Reachable({ yes }) {
  const { t } = useTranslation("integration");
  return <span className={`pill ${yes ? "ok" : "dead"}`}>{yes ? t("panel.yes") : t("panel.no")}</span>;
}

/** An operator's configuration error, by channel: what to fix (the settings' names in <code>). */
const CONFIGURATION_ERRORS = {
  crm: "configuration.crm",
  email: "configuration.email",
  sms: "configuration.sms",
  app: "configuration.app",
  payments: "configuration.payments",
  timers: "configuration.timers",
};

/** How each channel's connection reads: whether the other side answers, and for operators its address (the CRM's
 *  and its signing, the email transport, the payment provider). */
function ConnectionFacts({ channel, status, figures, words }) {
  const { t } = useTranslation("integration");
  const reachable = (
    <Fact label={words.reachable}>
      <Reachable yes={figures.reachable} />
    </Fact>
  );
  if (!words.operator) return reachable;
  if (channel === "crm") {
    return (
      <>
        {reachable}
        <Fact label={t("panel.crmAddress")}>
          <code>{figures.address}</code>
        </Fact>
        <Fact label={t("panel.signing")}>{status.crm?.signing ? t("panel.on") : t("panel.off")}</Fact>
      </>
    );
  }
  return (
    <>
      {reachable}
      <Fact label={channel === "payments" ? t("panel.provider") : t("panel.transport")}>
        <code>{figures.address}</code>
      </Fact>
    </>
  );
}

/** status: GET /api/crm/integration's answer; channel: "crm" | "email" | "sms" | "app" | "payments" | "timers"; operator: an admin's view;
 *  actions: the buttons at the card's foot. */
export function ChannelPanel({ status, channel, operator = false, actions = null }) {
  const { t } = useTranslation("integration");
  const figures = channelFigures(status, channel);
  if (!figures) return null;
  const words = channelWords(channel, operator);
  const { outbox } = figures;
  const headingId = `${channel}-heading`;
  const codeText = channel === "crm" ? (code) => t("panel.http", { code }) : (code) => t("panel.status", { code });
  return (
    <section aria-labelledby={headingId} className="card status-card channel">
      <h2 id={headingId}>{words.title}</h2>
      {figures.configurationError && (
        <div className="alert alert-warn" role="alert">
          <strong>{operator ? t("panel.configurationError") : t("panel.setUpProblem")} </strong>
          {operator ? <Trans t={t} i18nKey={CONFIGURATION_ERRORS[channel]} components={{ code: <code /> }} /> : words.setUp}
        </div>
      )}
      <dl className="status-grid">
        <ConnectionFacts channel={channel} status={status} figures={figures} words={words} />
      </dl>
      <h3 className="status-subheading">{words.counted}</h3>
      <dl className="status-grid counts">
        <Fact label={t("panel.pending")} count>
          {outbox.pending ?? 0}
        </Fact>
        <Fact label={t("panel.retrying")} count>
          {outbox.retrying ?? 0}
        </Fact>
        <Fact label={words.failed} count>
          <span className={outbox.dead > 0 ? "count-dead" : undefined}>{outbox.dead ?? 0}</span>
        </Fact>
        <Fact label={t("panel.deliveredLastHour")} count>
          {outbox.delivered_last_hour ?? 0}
        </Fact>
        <Fact label={t("panel.oldestPending")}>{outbox.oldest_pending_at ? formatDateTime(outbox.oldest_pending_at) : t("panel.nothingWaiting")}</Fact>
        <Fact label={t("panel.lastSuccess")}>{figures.lastSuccessAt ? formatDateTime(figures.lastSuccessAt) : t("panel.never")}</Fact>
        <Fact label={operator ? t("panel.lastError") : t("panel.lastProblem")} wide>
          {operator ? <LastError lastError={figures.lastError} codeText={codeText} /> : <LastProblem lastError={figures.lastError} words={words} />}
        </Fact>
      </dl>
      {actions && <div className="channel-actions">{actions}</div>}
    </section>
  );
}
