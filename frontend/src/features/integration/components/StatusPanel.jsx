/** The figures of one delivery channel (the CRM or email): is the other side reachable, what waits, what failed, when
 *  it last worked; its retry (and any other action) at the foot of its card. */
import { formatDateTime } from "../../../lib/format.js";
import { CHANNEL_TEXT, channelFigures } from "../channels.js";

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
};

/** How each channel's connection reads: the CRM's address and signing, the email transport. */
function ConnectionFacts({ channel, status, figures }) {
  if (channel === "crm") {
    return (
      <>
        <Fact label="CRM reachable">
          <Reachable yes={figures.reachable} />
        </Fact>
        <Fact label="CRM address">
          <code>{figures.address}</code>
        </Fact>
        <Fact label="Signing">{status.crm?.signing ? "On" : "Off"}</Fact>
      </>
    );
  }
  return (
    <>
      <Fact label="Transport reachable">
        <Reachable yes={figures.reachable} />
      </Fact>
      <Fact label="Transport">
        <code>{figures.address}</code>
      </Fact>
    </>
  );
}

/** status: GET /api/crm/integration's answer; channel: "crm" | "email"; actions: the buttons at the card's foot. */
export function ChannelPanel({ status, channel, actions = null }) {
  const figures = channelFigures(status, channel);
  if (!figures) return null;
  const { outbox } = figures;
  const headingId = `${channel}-heading`;
  const codeText = channel === "crm" ? (code) => `HTTP ${code}` : (code) => `Status ${code}`;
  return (
    <section aria-labelledby={headingId} className="card status-card channel">
      <h2 id={headingId}>{CHANNEL_TEXT[channel].title}</h2>
      {figures.configurationError && (
        <div className="alert alert-warn" role="alert">
          <strong>Configuration error. </strong>
          {CONFIGURATION_ERRORS[channel]}
        </div>
      )}
      <dl className="status-grid">
        <ConnectionFacts channel={channel} status={status} figures={figures} />
      </dl>
      <h3 className="status-subheading">{channel === "crm" ? "Deliveries" : "Emails"}</h3>
      <dl className="status-grid counts">
        <Fact label="Pending" count>
          {outbox.pending ?? 0}
        </Fact>
        <Fact label="Retrying" count>
          {outbox.retrying ?? 0}
        </Fact>
        <Fact label="Failed (dead)" count>
          <span className={outbox.dead > 0 ? "count-dead" : undefined}>{outbox.dead ?? 0}</span>
        </Fact>
        <Fact label="Delivered in the last hour" count>
          {outbox.delivered_last_hour ?? 0}
        </Fact>
        <Fact label="Oldest pending">{outbox.oldest_pending_at ? formatDateTime(outbox.oldest_pending_at) : "Nothing waiting"}</Fact>
        <Fact label="Last success">{figures.lastSuccessAt ? formatDateTime(figures.lastSuccessAt) : "Never"}</Fact>
        <Fact label="Last error" wide>
          <LastError lastError={figures.lastError} codeText={codeText} />
        </Fact>
      </dl>
      {actions && <div className="channel-actions">{actions}</div>}
    </section>
  );
}
