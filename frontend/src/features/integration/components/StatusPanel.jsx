/** The figures of the CRM integration: is it reachable, what waits, what failed, when it last worked. */
import { formatDateTime } from "../../../lib/format.js";

/** wide: a row of its own; count: a figure, shown large. */
function Fact({ label, children, wide = false, count = false }) {
  return (
    <div className={["fact", wide && "wide", count && "count"].filter(Boolean).join(" ")}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LastError({ lastError }) {
  if (!lastError) return "None";
  return (
    <div className="last-error">
      <span>{formatDateTime(lastError.attempted_at)}</span>
      <span>{lastError.status_code ? `HTTP ${lastError.status_code}` : "No response"}</span>
      <span className="last-error-text">{lastError.error}</span>
      {lastError.message_id && <span className="muted small-text">Message {lastError.message_id}</span>}
    </div>
  );
}

export function StatusPanel({ status }) {
  const { crm = {}, outbox = {} } = status;
  return (
    <>
      {status.configuration_error && (
        <div className="alert alert-warn" role="alert">
          <strong>Configuration error. </strong>
          The CRM refuses our deliveries (401/403): the service token or the signing secret differs between the two
          services. Fix <code>CRM_AUTH_TOKEN</code> / <code>CRM_SIGNING_SECRET</code>, then retry the failed deliveries.
        </div>
      )}
      <section aria-labelledby="crm-heading" className="card status-card">
        <h2 id="crm-heading">CRM</h2>
        <dl className="status-grid">
          <Fact label="CRM reachable">
            <span className={`pill ${crm.reachable ? "ok" : "dead"}`}>{crm.reachable ? "Yes" : "No"}</span>
          </Fact>
          <Fact label="CRM address">
            <code>{crm.base_url}</code>
          </Fact>
          <Fact label="Signing">{crm.signing ? "On" : "Off"}</Fact>
        </dl>
      </section>
      <section aria-labelledby="delivery-heading" className="card status-card">
        <h2 id="delivery-heading">Deliveries</h2>
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
          <Fact label="Last success">{status.last_success_at ? formatDateTime(status.last_success_at) : "Never"}</Fact>
          <Fact label="Last error" wide>
            <LastError lastError={status.last_error} />
          </Fact>
        </dl>
      </section>
    </>
  );
}
