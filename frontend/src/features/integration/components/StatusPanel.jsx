/** The figures of one delivery channel (the CRM, email, texts or payments): is the other side reachable, what waits, what
 *  failed, when it last worked; its retry (and any other action) at the foot of its card. Admins read the operators'
 *  words (addresses, the raw error); facilitators plain ones. */
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
  if (!lastError) return "None";
  return (
    <div className="last-error">
      <span>{formatDateTime(lastError.attempted_at)}</span>
      <span>{lastError.status_code ? codeText(lastError.status_code) : "No response"}</span>
      <span className="last-error-text">{lastError.error}</span>
      {lastError.message_id && <span className="muted small-text">Message {lastError.message_id}</span>}
    </div>
  );
}

/** A facilitator's last error: when, and whether the other side refused or could not be reached. */
function LastProblem({ lastError, other }) {
  if (!lastError) return "None";
  const what = lastError.status_code ? `${other} refused it` : `couldn't reach ${other}`;
  return (
    <div className="last-error">
      <span>{formatDateTime(lastError.attempted_at)}</span>
      <span>{what.charAt(0).toUpperCase() + what.slice(1)}</span>
    </div>
  );
}

const Reachable = ({ yes }) => <span className={`pill ${yes ? "ok" : "dead"}`}>{yes ? "Yes" : "No"}</span>;

const CONFIGURATION_ERRORS = {
  crm: (
    <>
      The CRM refuses our deliveries (401/403): the service token or the signing secret differs between the two
      services. Fix <code>CRM_AUTH_TOKEN</code> / <code>CRM_SIGNING_SECRET</code>, then retry the failed deliveries.
    </>
  ),
  email: (
    <>
      The mail server refuses our emails because of how we reach it (its login, or the sender address). Fix{" "}
      <code>MAIL_URL</code> / <code>MAIL_FROM</code>, then retry the failed emails.
    </>
  ),
  sms: (
    <>
      The text message service refuses our texts because of how we reach it. Fix the SMS settings, then retry the
      failed texts.
    </>
  ),
  app: <>The notification centre refuses our notices. Check the database, then retry the failed notices.</>,
  payments: (
    <>
      The payment provider refuses our requests because of how we reach it. Fix <code>PAYMENT_PROVIDER</code> /{" "}
      <code>STRIPE_SECRET_KEY</code>, then retry the failed refunds.
    </>
  ),
  timers: <>Timed jobs cannot run. Check the database, then retry the failed jobs.</>,
};

/** How each channel's connection reads: whether the other side answers, and for operators its address (the CRM's
 *  and its signing, the email transport, the payment provider). */
function ConnectionFacts({ channel, status, figures, words }) {
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
        <Fact label="CRM address">
          <code>{figures.address}</code>
        </Fact>
        <Fact label="Signing">{status.crm?.signing ? "On" : "Off"}</Fact>
      </>
    );
  }
  return (
    <>
      {reachable}
      <Fact label={channel === "payments" ? "Provider" : "Transport"}>
        <code>{figures.address}</code>
      </Fact>
    </>
  );
}

/** status: GET /api/crm/integration's answer; channel: "crm" | "email" | "sms" | "app" | "payments" | "timers"; operator: an admin's view;
 *  actions: the buttons at the card's foot. */
export function ChannelPanel({ status, channel, operator = false, actions = null }) {
  const figures = channelFigures(status, channel);
  if (!figures) return null;
  const words = channelWords(channel, operator);
  const { outbox } = figures;
  const headingId = `${channel}-heading`;
  const codeText = channel === "crm" ? (code) => `HTTP ${code}` : (code) => `Status ${code}`;
  return (
    <section aria-labelledby={headingId} className="card status-card channel">
      <h2 id={headingId}>{words.title}</h2>
      {figures.configurationError && (
        <div className="alert alert-warn" role="alert">
          <strong>{operator ? "Configuration error. " : "Set-up problem. "}</strong>
          {operator ? CONFIGURATION_ERRORS[channel] : words.setUp}
        </div>
      )}
      <dl className="status-grid">
        <ConnectionFacts channel={channel} status={status} figures={figures} words={words} />
      </dl>
      <h3 className="status-subheading">{words.counted}</h3>
      <dl className="status-grid counts">
        <Fact label="Pending" count>
          {outbox.pending ?? 0}
        </Fact>
        <Fact label="Retrying" count>
          {outbox.retrying ?? 0}
        </Fact>
        <Fact label={words.failed} count>
          <span className={outbox.dead > 0 ? "count-dead" : undefined}>{outbox.dead ?? 0}</span>
        </Fact>
        <Fact label="Delivered in the last hour" count>
          {outbox.delivered_last_hour ?? 0}
        </Fact>
        <Fact label="Oldest pending">{outbox.oldest_pending_at ? formatDateTime(outbox.oldest_pending_at) : "Nothing waiting"}</Fact>
        <Fact label="Last success">{figures.lastSuccessAt ? formatDateTime(figures.lastSuccessAt) : "Never"}</Fact>
        <Fact label={operator ? "Last error" : "Last problem"} wide>
          {operator ? <LastError lastError={figures.lastError} codeText={codeText} /> : <LastProblem lastError={figures.lastError} other={words.other} />}
        </Fact>
      </dl>
      {actions && <div className="channel-actions">{actions}</div>}
    </section>
  );
}
