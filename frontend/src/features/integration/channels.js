/**
 * The delivery channels of the status panel, in one shape and with their words. GET /api/crm/integration keeps the
 * CRM's figures at the top level (the shape the panel started with) and has the email channel's under "email", the
 * texts' under "sms", the in-app notices' under "app", the payments channel's (refunds) under "payments" and the timed jobs' (holds and
 * offers ending, sessions closing) under "timers", which older APIs leave out.
 */

/** Each channel's words. `operator` holds an admin's (addresses, "dead", the transport), `plain` a facilitator's,
 *  who runs sessions, not the servers. */
export const CHANNEL_TEXT = {
  crm: {
    title: "CRM",
    counted: "Deliveries",
    retryLabel: "Retry failed deliveries",
    noneFailed: "No delivery has failed.",
    retryError: "The failed deliveries were not queued again.",
    requeued: (count) => (count === 1 ? "1 delivery queued again." : `${count} deliveries queued again.`),
    operator: {
      reachable: "CRM reachable",
      failed: "Failed (dead)",
      retryHint: "Sends every failed (dead) notification again, from the start of the retry schedule.",
    },
    plain: {
      other: "the CRM",
      reachable: "CRM reachable",
      failed: "Couldn't be delivered",
      retryHint: "Tries again to deliver every notification that couldn't be delivered.",
      setUp: "The CRM turns our notifications away because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
  email: {
    title: "Email",
    counted: "Emails",
    retryLabel: "Retry failed emails",
    noneFailed: "No email has failed.",
    retryError: "The failed emails were not queued again.",
    requeued: (count) => (count === 1 ? "1 email queued again." : `${count} emails queued again.`),
    operator: {
      reachable: "Transport reachable",
      failed: "Failed (dead)",
      retryHint: "Sends every failed (dead) email again, from the start of the retry schedule.",
    },
    plain: {
      other: "the email server",
      reachable: "Email server reachable",
      failed: "Couldn't be sent",
      retryHint: "Tries again to send every email that couldn't be sent.",
      setUp: "The email server turns our emails away because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
  sms: {
    title: "Texts (SMS)",
    counted: "Texts",
    retryLabel: "Retry failed texts",
    noneFailed: "No text has failed.",
    retryError: "The failed texts were not queued again.",
    requeued: (count) => (count === 1 ? "1 text queued again." : `${count} texts queued again.`),
    operator: {
      reachable: "Transport reachable",
      failed: "Failed (dead)",
      retryHint: "Sends every failed (dead) text again, from the start of the retry schedule.",
    },
    plain: {
      other: "the text message service",
      reachable: "Text message service reachable",
      failed: "Couldn't be sent",
      retryHint: "Tries again to send every text that couldn't be sent.",
      setUp: "The text message service turns our texts away because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
  app: {
    title: "In-app notifications",
    counted: "Notices",
    retryLabel: "Retry failed notices",
    noneFailed: "No notice has failed.",
    retryError: "The failed notices were not queued again.",
    requeued: (count) => (count === 1 ? "1 notice queued again." : `${count} notices queued again.`),
    operator: {
      reachable: "Notification centre reachable",
      failed: "Failed (dead)",
      retryHint: "Writes every failed (dead) notice again, from the start of the retry schedule.",
    },
    plain: {
      other: "the notification centre",
      reachable: "Notification centre reachable",
      failed: "Couldn't be written",
      retryHint: "Tries again to write every notice that couldn't be written.",
      setUp: "The notification centre turns our notices away because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
  payments: {
    title: "Payments",
    counted: "Refunds",
    retryLabel: "Retry failed refunds",
    noneFailed: "No refund has failed.",
    retryError: "The failed refunds were not queued again.",
    requeued: (count) => (count === 1 ? "1 refund queued again." : `${count} refunds queued again.`),
    operator: {
      reachable: "Provider reachable",
      failed: "Failed (dead)",
      retryHint: "Asks the payment provider again for every failed (dead) refund, from the start of the retry schedule.",
    },
    plain: {
      other: "the payment provider",
      reachable: "Payment provider reachable",
      failed: "Couldn't be refunded",
      retryHint: "Asks the payment provider again for every refund that couldn't be made.",
      setUp: "The payment provider turns our requests away because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
  timers: {
    title: "Timed jobs",
    counted: "Jobs",
    retryLabel: "Retry failed jobs",
    noneFailed: "No timed job has failed.",
    retryError: "The failed jobs were not queued again.",
    requeued: (count) => (count === 1 ? "1 job queued again." : `${count} jobs queued again.`),
    operator: {
      reachable: "Database reachable",
      failed: "Failed (dead)",
      retryHint: "Runs every failed (dead) timed job again (holds, offers, closes ending), from the start of the retry schedule.",
    },
    plain: {
      other: "the site",
      reachable: "Running",
      failed: "Couldn't be done",
      retryHint: "Tries again every timed job (a hold, an offer or a session ending) that couldn't be done.",
      setUp: "Timed jobs can't run because of how the site is set up. Ask the site's administrator to fix it.",
    },
  },
};

/** A channel's words for the viewer: an operator's (admin) or plain ones (facilitator). */
export const channelWords = (channel, operator) => {
  const { operator: operatorWords, plain, ...common } = CHANNEL_TEXT[channel];
  return { ...common, ...(operator ? operatorWords : plain), operator };
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
export const channelsIn = (status) => ["crm", "email", "sms", "app", "payments", "timers"].filter((channel) => channelFigures(status, channel) !== null);
