import { describe, expect, it } from "vitest";
import { CHANNEL_TEXT, channelFigures, channelsIn } from "./channels.js";

const OUTBOX = { pending: 1, retrying: 0, dead: 2, delivered_last_hour: 5, oldest_pending_at: null };
const STATUS = {
  crm: { base_url: "http://localhost:5001", reachable: true, signing: false },
  outbox: OUTBOX,
  last_success_at: "2030-11-21T02:40:00+00:00",
  last_error: null,
  configuration_error: false,
  email: {
    transport: "smtp://mail.example.com:587",
    reachable: false,
    outbox: { ...OUTBOX, dead: 0 },
    last_success_at: null,
    last_error: { attempted_at: "2030-11-21T02:35:00+00:00", message_id: "e-1", status_code: 535, error: "SMTPAuthenticationError" },
    configuration_error: true,
  },
};

describe("channelFigures", () => {
  it("reads the CRM's figures from the top level", () => {
    expect(channelFigures(STATUS, "crm")).toEqual({
      outbox: OUTBOX,
      lastSuccessAt: "2030-11-21T02:40:00+00:00",
      lastError: null,
      configurationError: false,
      reachable: true,
      address: "http://localhost:5001",
    });
  });

  it("reads the email channel's from under email", () => {
    expect(channelFigures(STATUS, "email")).toMatchObject({
      outbox: { dead: 0 },
      lastSuccessAt: null,
      lastError: { status_code: 535 },
      configurationError: true,
      reachable: false,
      address: "smtp://mail.example.com:587",
    });
  });

  it("reads the payments channel's (refunds) from under payments, named by its provider", () => {
    const withPayments = { ...STATUS, payments: { provider: "stripe", reachable: true, outbox: { ...OUTBOX, dead: 1 } } };
    expect(channelFigures(withPayments, "payments")).toMatchObject({ outbox: { dead: 1 }, reachable: true, address: "stripe provider" });
    expect(channelsIn(withPayments)).toEqual(["crm", "email", "payments"]);
    expect(CHANNEL_TEXT.payments.requeued(2)).toBe("2 refunds queued again.");
  });

  it("reads the timed jobs' from under timers, last", () => {
    const withTimers = { ...STATUS, timers: { transport: "timed jobs in this database", reachable: true, outbox: { ...OUTBOX, dead: 3 } } };
    expect(channelFigures(withTimers, "timers")).toMatchObject({ outbox: { dead: 3 }, reachable: true, address: "timed jobs in this database" });
    expect(channelsIn({ ...withTimers, payments: { provider: "test", outbox: OUTBOX } })).toEqual(["crm", "email", "payments", "timers"]);
    expect(CHANNEL_TEXT.timers.requeued(1)).toBe("1 job queued again.");
  });

  it("knows an API without the email channel", () => {
    const crmOnly = { ...STATUS };
    delete crmOnly.email;
    expect(channelFigures(crmOnly, "email")).toBeNull();
    expect(channelsIn(crmOnly)).toEqual(["crm"]);
    expect(channelsIn(STATUS)).toEqual(["crm", "email"]);
  });
});

describe("CHANNEL_TEXT", () => {
  it("counts what was queued again in each channel's words", () => {
    expect(CHANNEL_TEXT.crm.requeued(1)).toBe("1 delivery queued again.");
    expect(CHANNEL_TEXT.crm.requeued(3)).toBe("3 deliveries queued again.");
    expect(CHANNEL_TEXT.email.requeued(1)).toBe("1 email queued again.");
    expect(CHANNEL_TEXT.email.requeued(0)).toBe("0 emails queued again.");
  });
});
