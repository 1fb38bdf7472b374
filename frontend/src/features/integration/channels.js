/**
 * The delivery channels of the status panel, in one shape and with their words. GET /api/crm/integration keeps the
 * CRM's figures at the top level (the shape the panel started with) and has the email channel's under "email" and
 * the payments channel's (refunds) under "payments", which older APIs leave out.
 */

export const CHANNEL_TEXT = {
  crm: {
    title: "CRM",
    retryLabel: "Retry failed deliveries",
    retryHint: "Sends every failed (dead) notification again, from the start of the retry schedule.",
    noneFailed: "No delivery has failed.",
    retryError: "The failed deliveries were not queued again.",
    requeued: (count) => (count === 1 ? "1 delivery queued again." : `${count} deliveries queued again.`),
  },
  email: {
    title: "Email",
    retryLabel: "Retry failed emails",
    retryHint: "Sends every failed (dead) email again, from the start of the retry schedule.",
    noneFailed: "No email has failed.",
    retryError: "The failed emails were not queued again.",
    requeued: (count) => (count === 1 ? "1 email queued again." : `${count} emails queued again.`),
  },
  payments: {
    title: "Payments",
    retryLabel: "Retry failed refunds",
    retryHint: "Asks the payment provider again for every failed (dead) refund, from the start of the retry schedule.",
    noneFailed: "No refund has failed.",
    retryError: "The failed refunds were not queued again.",
    requeued: (count) => (count === 1 ? "1 refund queued again." : `${count} refunds queued again.`),
  },
};

/**
 * One channel's figures: {outbox: {pending, retrying, dead, delivered_last_hour, oldest_pending_at}, lastSuccessAt,
 * lastError, configurationError, reachable, address}, where address is the CRM's base URL or the email transport
 * ("smtp://host:587", "files in /path"); null for the email channel when the API doesn't report it.
 */
export function channelFigures(status, channel) {
  const source = channel === "crm" ? status : status?.[channel];
  if (!source || typeof source !== "object") return null;
  return {
    outbox: source.outbox ?? {},
    lastSuccessAt: source.last_success_at ?? null,
    lastError: source.last_error ?? null,
    configurationError: Boolean(source.configuration_error),
    reachable: Boolean(channel === "crm" ? status.crm?.reachable : source.reachable),
    address: (channel === "crm" ? status.crm?.base_url : (source.transport ?? (source.provider && `${source.provider} provider`))) ?? "",
  };
}

/** The channels the status reports, in the panel's order. */
export const channelsIn = (status) => ["crm", "email", "payments"].filter((channel) => channelFigures(status, channel) !== null);
