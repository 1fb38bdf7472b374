/**
 * The delivery channels of the status panel, in one shape and with their words. GET /api/crm/integration keeps the
 * CRM's figures at the top level (the shape the panel started with) and has the email channel's under "email", the
 * texts' under "sms", the in-app notices' under "app", the payments channel's (refunds) under "payments" and the timed jobs' (holds and
 * offers ending, sessions closing) under "timers", which older APIs leave out.
 */
import { t } from "../../lib/i18n.js";

/** Each channel's words (the keys of its messages; requeued(count) the message itself). `operator` holds an admin's
 *  (addresses, "dead", the transport), `plain` a facilitator's, who runs sessions, not the servers. */
export const CHANNEL_TEXT = {
  crm: {
    title: "integration:channel.crm.title",
    counted: "integration:channel.crm.counted",
    retryLabel: "integration:channel.crm.retryLabel",
    noneFailed: "integration:channel.crm.noneFailed",
    retryError: "integration:channel.crm.retryError",
    requeued: (count) => t("integration:channel.crm.requeued", { count }),
    operator: {
      reachable: "integration:channel.crm.operator.reachable",
      failed: "integration:channel.crm.operator.failed",
      retryHint: "integration:channel.crm.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.crm.plain.reachable",
      failed: "integration:channel.crm.plain.failed",
      retryHint: "integration:channel.crm.plain.retryHint",
      setUp: "integration:channel.crm.plain.setUp",
      refused: "integration:channel.crm.plain.refused",
      unreachable: "integration:channel.crm.plain.unreachable",
    },
  },
  email: {
    title: "integration:channel.email.title",
    counted: "integration:channel.email.counted",
    retryLabel: "integration:channel.email.retryLabel",
    noneFailed: "integration:channel.email.noneFailed",
    retryError: "integration:channel.email.retryError",
    requeued: (count) => t("integration:channel.email.requeued", { count }),
    operator: {
      reachable: "integration:channel.email.operator.reachable",
      failed: "integration:channel.email.operator.failed",
      retryHint: "integration:channel.email.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.email.plain.reachable",
      failed: "integration:channel.email.plain.failed",
      retryHint: "integration:channel.email.plain.retryHint",
      setUp: "integration:channel.email.plain.setUp",
      refused: "integration:channel.email.plain.refused",
      unreachable: "integration:channel.email.plain.unreachable",
    },
  },
  sms: {
    title: "integration:channel.sms.title",
    counted: "integration:channel.sms.counted",
    retryLabel: "integration:channel.sms.retryLabel",
    noneFailed: "integration:channel.sms.noneFailed",
    retryError: "integration:channel.sms.retryError",
    requeued: (count) => t("integration:channel.sms.requeued", { count }),
    operator: {
      reachable: "integration:channel.sms.operator.reachable",
      failed: "integration:channel.sms.operator.failed",
      retryHint: "integration:channel.sms.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.sms.plain.reachable",
      failed: "integration:channel.sms.plain.failed",
      retryHint: "integration:channel.sms.plain.retryHint",
      setUp: "integration:channel.sms.plain.setUp",
      refused: "integration:channel.sms.plain.refused",
      unreachable: "integration:channel.sms.plain.unreachable",
    },
  },
  app: {
    title: "integration:channel.app.title",
    counted: "integration:channel.app.counted",
    retryLabel: "integration:channel.app.retryLabel",
    noneFailed: "integration:channel.app.noneFailed",
    retryError: "integration:channel.app.retryError",
    requeued: (count) => t("integration:channel.app.requeued", { count }),
    operator: {
      reachable: "integration:channel.app.operator.reachable",
      failed: "integration:channel.app.operator.failed",
      retryHint: "integration:channel.app.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.app.plain.reachable",
      failed: "integration:channel.app.plain.failed",
      retryHint: "integration:channel.app.plain.retryHint",
      setUp: "integration:channel.app.plain.setUp",
      refused: "integration:channel.app.plain.refused",
      unreachable: "integration:channel.app.plain.unreachable",
    },
  },
  payments: {
    title: "integration:channel.payments.title",
    counted: "integration:channel.payments.counted",
    retryLabel: "integration:channel.payments.retryLabel",
    noneFailed: "integration:channel.payments.noneFailed",
    retryError: "integration:channel.payments.retryError",
    requeued: (count) => t("integration:channel.payments.requeued", { count }),
    operator: {
      reachable: "integration:channel.payments.operator.reachable",
      failed: "integration:channel.payments.operator.failed",
      retryHint: "integration:channel.payments.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.payments.plain.reachable",
      failed: "integration:channel.payments.plain.failed",
      retryHint: "integration:channel.payments.plain.retryHint",
      setUp: "integration:channel.payments.plain.setUp",
      refused: "integration:channel.payments.plain.refused",
      unreachable: "integration:channel.payments.plain.unreachable",
    },
  },
  timers: {
    title: "integration:channel.timers.title",
    counted: "integration:channel.timers.counted",
    retryLabel: "integration:channel.timers.retryLabel",
    noneFailed: "integration:channel.timers.noneFailed",
    retryError: "integration:channel.timers.retryError",
    requeued: (count) => t("integration:channel.timers.requeued", { count }),
    operator: {
      reachable: "integration:channel.timers.operator.reachable",
      failed: "integration:channel.timers.operator.failed",
      retryHint: "integration:channel.timers.operator.retryHint",
    },
    plain: {
      reachable: "integration:channel.timers.plain.reachable",
      failed: "integration:channel.timers.plain.failed",
      retryHint: "integration:channel.timers.plain.retryHint",
      setUp: "integration:channel.timers.plain.setUp",
      refused: "integration:channel.timers.plain.refused",
      unreachable: "integration:channel.timers.plain.unreachable",
    },
  },
};

/** A channel's words for the viewer, in the app's language: an operator's (admin) or plain ones (facilitator). */
export const channelWords = (channel, operator) => {
  const { operator: operatorWords, plain, requeued, ...common } = CHANNEL_TEXT[channel];
  const keys = { ...common, ...(operator ? operatorWords : plain) };
  return { ...Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, t(key)])), requeued, operator };
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
