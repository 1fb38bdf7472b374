import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { IntegrationPage } from "./IntegrationPage.jsx";

const STATUS = "GET main /api/crm/integration";
const RETRY = "PATCH main /api/crm/integration/retry-failed";
const TEST = "POST main /api/crm/integration/test";
const STUDIO_STATUS = "GET main /api/studios/lotus-yoga/delivery";
const STUDIO_RETRY = "PATCH main /api/studios/lotus-yoga/delivery/retry-failed";
const STUDIOS = "GET main /api/studios";

const status = (overrides = {}) => ({
  crm: { base_url: "http://localhost:5001", reachable: true, signing: true },
  outbox: { pending: 4, retrying: 2, dead: 3, delivered_last_hour: 57, oldest_pending_at: "2030-11-21T02:31:54+00:00" },
  last_success_at: "2030-11-21T02:40:00+00:00",
  last_error: { attempted_at: "2030-11-21T02:35:00+00:00", message_id: "m-1", status_code: 503, error: "CRMServerError: 503 Service Unavailable" },
  configuration_error: false,
  ...overrides,
});

/** The page as an admin sees it (the operators' words) unless `as` says otherwise. */
function renderIntegration({ as = "admin", handlers = {} } = {}) {
  const api = fakeApi({ [STATUS]: () => ok(status()), ...handlers });
  return renderApp(<IntegrationPage />, { route: paths.integration, api, as });
}

const EMAIL = {
  transport: "smtp://mail.example.com:587",
  reachable: true,
  outbox: { pending: 1, retrying: 1, dead: 2, delivered_last_hour: 12, oldest_pending_at: "2030-11-21T02:38:00+00:00" },
  last_success_at: "2030-11-21T02:41:00+00:00",
  last_error: { attempted_at: "2030-11-21T02:36:00+00:00", message_id: "e-9", status_code: 550, error: "SMTPRecipientsRefused: mailbox unavailable" },
  configuration_error: false,
};

const PAYMENTS = {
  provider: "stripe",
  reachable: true,
  outbox: { pending: 0, retrying: 0, dead: 1, delivered_last_hour: 3, oldest_pending_at: null },
  last_success_at: "2030-11-21T02:41:00+00:00",
  last_error: { attempted_at: "2030-11-21T02:37:00+00:00", message_id: "p-2", status_code: null, error: "APIConnectionError: lane payments timed out" },
  configuration_error: false,
};

const crm = () => screen.getByRole("region", { name: "CRM" });
const email = () => screen.getByRole("region", { name: "Email" });
const payments = () => screen.getByRole("region", { name: "Payments" });

/** The value shown for a label in a channel's card (the CRM's unless another is given). */
const factValue = (label, card = crm()) => within(card).getByText(label, { selector: "dt" }).nextElementSibling;

describe("IntegrationPage", () => {
  it("shows the figures of the delivery pipeline", async () => {
    renderIntegration();
    expect(screen.getByRole("heading", { level: 1, name: "Delivery: CRM, email, texts, payments" })).toBeInTheDocument();
    expect(document.title).toBe("Delivery: CRM, email, texts, payments · Sessions & Retreats");
    await screen.findByText("CRM reachable");
    expect(within(factValue("CRM reachable")).getByText("Yes")).toHaveClass("pill", "ok");
    expect(factValue("CRM address")).toHaveTextContent("http://localhost:5001");
    expect(factValue("Signing")).toHaveTextContent("On");
    expect(factValue("Pending")).toHaveTextContent("4");
    expect(factValue("Retrying")).toHaveTextContent("2");
    expect(factValue("Failed (dead)")).toHaveTextContent("3");
    expect(factValue("Delivered in the last hour")).toHaveTextContent("57");
    expect(factValue("Oldest pending")).toHaveTextContent(formatDateTime("2030-11-21T02:31:54+00:00"));
    expect(factValue("Last success")).toHaveTextContent(formatDateTime("2030-11-21T02:40:00+00:00"));
    expect(factValue("Last error")).toHaveTextContent("HTTP 503");
    expect(factValue("Last error")).toHaveTextContent("CRMServerError: 503 Service Unavailable");
    expect(screen.queryByText(/Configuration error/)).not.toBeInTheDocument();
  });

  it("shows an unreachable CRM, quiet times and a configuration error", async () => {
    renderIntegration({
      handlers: {
        [STATUS]: () =>
          ok(status({
            crm: { base_url: "http://crm:5001", reachable: false, signing: false },
            outbox: { pending: 0, retrying: 0, dead: 0, delivered_last_hour: 0, oldest_pending_at: null },
            last_success_at: null,
            last_error: null,
            configuration_error: true,
          })),
      },
    });
    await screen.findByText("CRM reachable");
    expect(within(factValue("CRM reachable")).getByText("No")).toHaveClass("pill", "dead");
    expect(factValue("Signing")).toHaveTextContent("Off");
    expect(factValue("Oldest pending")).toHaveTextContent("Nothing waiting");
    expect(factValue("Last success")).toHaveTextContent("Never");
    expect(factValue("Last error")).toHaveTextContent("None");
    expect(screen.getByRole("alert")).toHaveTextContent("Configuration error.");
    expect(screen.getByRole("button", { name: "Retry failed deliveries" })).toBeDisabled();
  });

  it("queues failed deliveries again", async () => {
    let dead = 3;
    const { user, api } = renderIntegration({
      handlers: {
        [STATUS]: () => ok(status({ outbox: { ...status().outbox, dead } })),
        [RETRY]: () => {
          const requeued = dead;
          dead = 0;
          return ok({ requeued });
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Retry failed deliveries" }));
    expect(await screen.findByText("3 deliveries queued again.")).toBeInTheDocument();
    // The button is disabled once nothing has failed: the message has the focus instead.
    expect(screen.getByText("3 deliveries queued again.").closest(".flash")).toHaveFocus();
    expect(api.callsTo(RETRY).map((call) => call.query)).toEqual([{ channel: "crm" }]);
    await waitFor(() => expect(factValue("Failed (dead)")).toHaveTextContent("0"));
    expect(screen.getByRole("button", { name: "Retry failed deliveries" })).toBeDisabled();
  });

  it("shows the email channel beside the CRM, with the same figures", async () => {
    renderIntegration({ handlers: { [STATUS]: () => ok(status({ email: EMAIL })) } });
    await screen.findByText("CRM reachable");
    expect(screen.getAllByRole("region").map((region) => region.getAttribute("aria-labelledby"))).toEqual(["crm-heading", "email-heading"]);
    expect(within(factValue("Transport reachable", email())).getByText("Yes")).toHaveClass("pill", "ok");
    expect(factValue("Transport", email())).toHaveTextContent("smtp://mail.example.com:587");
    expect(factValue("Pending", email())).toHaveTextContent("1");
    expect(factValue("Failed (dead)", email())).toHaveTextContent("2");
    expect(within(factValue("Failed (dead)", email())).getByText("2")).toHaveClass("count-dead");
    expect(factValue("Delivered in the last hour", email())).toHaveTextContent("12");
    expect(factValue("Last success", email())).toHaveTextContent(formatDateTime("2030-11-21T02:41:00+00:00"));
    expect(factValue("Last error", email())).toHaveTextContent("Status 550");
    expect(factValue("Last error", email())).toHaveTextContent("SMTPRecipientsRefused: mailbox unavailable");
    // The CRM's figures stay its own.
    expect(factValue("Pending")).toHaveTextContent("4");
    expect(within(email()).queryByText("CRM reachable")).not.toBeInTheDocument();
    expect(within(email()).queryByRole("button", { name: "Send test notification" })).not.toBeInTheDocument();
  });

  it("shows the texts channel between email and payments, retried on its own", async () => {
    let dead = 2;
    const TEXTS = { ...EMAIL, transport: "files in /srv/app/instance/sms" };
    const { api, user } = renderIntegration({
      handlers: {
        [STATUS]: () => ok(status({ email: EMAIL, sms: { ...TEXTS, outbox: { ...TEXTS.outbox, dead } } })),
        [RETRY]: () => {
          const requeued = dead;
          dead = 0;
          return ok({ requeued });
        },
      },
    });
    const texts = await screen.findByRole("region", { name: "Texts (SMS)" });
    expect(screen.getAllByRole("region").map((region) => region.getAttribute("aria-labelledby"))).toEqual(["crm-heading", "email-heading", "sms-heading"]);
    expect(factValue("Transport", texts)).toHaveTextContent("files in /srv/app/instance/sms");
    expect(factValue("Failed (dead)", texts)).toHaveTextContent("2");
    await user.click(within(texts).getByRole("button", { name: "Retry failed texts" }));
    expect(await within(texts).findByText("2 texts queued again.")).toBeInTheDocument();
    expect(api.callsTo(RETRY).map((call) => call.query)).toEqual([{ channel: "sms" }]);
  });

  it("shows the email channel's configuration error in its own card", async () => {
    renderIntegration({ handlers: { [STATUS]: () => ok(status({ email: { ...EMAIL, reachable: false, configuration_error: true } })) } });
    await screen.findByText("CRM reachable");
    expect(within(email()).getByRole("alert")).toHaveTextContent(/^Configuration error\. The mail server refuses our emails/);
    expect(within(crm()).queryByRole("alert")).not.toBeInTheDocument();
    expect(within(factValue("Transport reachable", email())).getByText("No")).toHaveClass("pill", "dead");
  });

  it("retries each channel's failed messages on their own", async () => {
    let emailDead = 2;
    const { user, api } = renderIntegration({
      handlers: {
        [STATUS]: () => ok(status({ email: { ...EMAIL, outbox: { ...EMAIL.outbox, dead: emailDead } } })),
        [RETRY]: ({ query }) => {
          if (query.channel !== "email") return ok({ requeued: 0 });
          const requeued = emailDead;
          emailDead = 0;
          return ok({ requeued });
        },
      },
    });
    await screen.findByText("CRM reachable");
    await user.click(within(email()).getByRole("button", { name: "Retry failed emails" }));
    expect(await within(email()).findByText("2 emails queued again.")).toBeInTheDocument();
    expect(api.callsTo(RETRY).map((call) => call.query)).toEqual([{ channel: "email" }]);
    await waitFor(() => expect(factValue("Failed (dead)", email())).toHaveTextContent("0"));
    expect(within(email()).getByRole("button", { name: "Retry failed emails" })).toBeDisabled();
    expect(within(email()).getByText("No email has failed.")).toBeInTheDocument();
    // The CRM's own retry is untouched.
    expect(within(crm()).getByRole("button", { name: "Retry failed deliveries" })).toBeEnabled();
  });

  it("shows only the CRM when the API reports no email channel", async () => {
    renderIntegration();
    await screen.findByText("CRM reachable");
    expect(screen.queryByRole("region", { name: "Email" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry failed emails" })).not.toBeInTheDocument();
  });

  it("refreshes on demand", async () => {
    const { user, api } = renderIntegration();
    await screen.findByText("CRM reachable");
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(api.callsTo(STATUS)).toHaveLength(2));
  });

  it("never disables Refresh under the focus, though the page refreshes itself every 10 seconds", async () => {
    let answer;
    const { user, api } = renderIntegration();
    await screen.findByText("CRM reachable");
    api.on({ [STATUS]: () => new Promise((resolve) => (answer = resolve)) });
    const refresh = screen.getByRole("button", { name: "Refresh" });
    await user.click(refresh);
    await waitFor(() => expect(refresh).toHaveAttribute("aria-busy", "true"));
    expect(refresh).not.toBeDisabled();
    expect(refresh).toHaveFocus();
    await user.click(refresh); // while one is under way, no second request
    expect(api.callsTo(STATUS)).toHaveLength(2);
    answer(ok(status()));
    await waitFor(() => expect(refresh).toHaveAttribute("aria-busy", "false"));
  });

  it("shows the server's message when the status is refused", async () => {
    renderIntegration({ handlers: { [STATUS]: () => apiError(403, "forbidden", "This action needs the admin role or the service token.") } });
    expect(await screen.findByRole("alert")).toHaveTextContent("This action needs the admin role or the service token.");
  });

  it("lets an admin send a test notification and see the outcome", async () => {
    let delivered = false;
    const { user } = renderIntegration({
      as: "admin",
      handlers: {
        [TEST]: () => ok(delivered ? { reachable: true, delivered: true, error: null, response: { status: "stored" } } : { reachable: false, delivered: false, error: "CRMConnectionError: connection refused", response: null }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Send test notification" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Test notification not delivered.");
    expect(alert).toHaveTextContent("CRMConnectionError: connection refused");
    delivered = true;
    await user.click(screen.getByRole("button", { name: "Send test notification" }));
    expect(await screen.findByText(/Test notification delivered\./)).toBeInTheDocument();
  });

  it("heads each card's figures with what that channel carries: deliveries, emails, refunds", async () => {
    renderIntegration({ handlers: { [STATUS]: () => ok(status({ email: EMAIL, payments: PAYMENTS })) } });
    await screen.findByText("CRM reachable");
    expect(within(crm()).getByRole("heading", { level: 3 })).toHaveTextContent("Deliveries");
    expect(within(email()).getByRole("heading", { level: 3 })).toHaveTextContent("Emails");
    expect(within(payments()).getByRole("heading", { level: 3 })).toHaveTextContent("Refunds");
    expect(factValue("Provider", payments())).toHaveTextContent("stripe provider");
  });

  describe("for a studio's owner", () => {
    const studioStatus = () => ok(status({ email: { ...EMAIL, transport: "files in /srv/booking/instance/mail", configuration_error: true }, payments: PAYMENTS }));
    const facilitatorSees = (role = "owner", handlers = {}) => {
      const api = fakeApi({ [STUDIOS]: () => ok(studioList(makeStudio(role))), [STUDIO_STATUS]: studioStatus, ...handlers });
      return renderApp(<IntegrationPage />, { route: paths.integration, api, as: "facilitator", studios: true });
    };

    it("shows the current studio's figures and retries the studio's dead messages alone", async () => {
      const { api, user } = facilitatorSees("manager", { [STUDIO_RETRY]: () => ok({ requeued: 3 }) });
      await screen.findByText("CRM reachable");
      expect(screen.getByText("Lotus Yoga's messages only.")).toBeInTheDocument();
      expect(api.callsTo(STATUS)).toHaveLength(0);
      await user.click(within(crm()).getByRole("button", { name: /try/i }));
      await waitFor(() => expect(api.callsTo(STUDIO_RETRY)).toHaveLength(1));
      expect(api.callsTo(STUDIO_RETRY)[0].query).toEqual({ channel: "crm" });
      expect(api.callsTo(RETRY)).toHaveLength(0);
    });

    it("shows no figures to a role without money.view, nor to a facilitator without a studio", async () => {
      const { api } = facilitatorSees("instructor");
      expect(await screen.findByText(/doesn't include the delivery figures/)).toBeInTheDocument();
      expect(api.callsTo(STUDIO_STATUS)).toHaveLength(0);
      expect(api.callsTo(STATUS)).toHaveLength(0);
    });

    it("tells a facilitator without a studio the figures are a studio's", async () => {
      const { api } = renderIntegration({ as: "facilitator" });
      expect(await screen.findByText(/Delivery figures belong to a studio/)).toBeInTheDocument();
      expect(api.callsTo(STATUS)).toHaveLength(0);
    });

    it("uses plain words: no server addresses, no 'dead', 'transport' or 'lane'", async () => {
      facilitatorSees();
      await screen.findByText("CRM reachable");
      const page = document.body;
      for (const word of [/dead/i, /transport/i, /\blane\b/i, /\/srv\//, /localhost:5001/, /smtp/i, /MAIL_URL/]) {
        expect(page).not.toHaveTextContent(word);
      }
      expect(within(factValue("Email server reachable", email())).getByText("Yes")).toHaveClass("pill", "ok");
      expect(factValue("Couldn't be sent", email())).toHaveTextContent("2");
      expect(factValue("Couldn't be delivered")).toHaveTextContent("3");
      expect(factValue("Couldn't be refunded", payments())).toHaveTextContent("1");
      expect(factValue("Last problem", email())).toHaveTextContent("The email server refused it");
      expect(factValue("Last problem", payments())).toHaveTextContent("Couldn't reach the payment provider");
      expect(within(email()).getByRole("alert")).toHaveTextContent("Ask the site's administrator to fix it.");
      expect(within(email()).getByText("Tries again to send every email that couldn't be sent.")).toBeInTheDocument();
      expect(within(payments()).getByRole("heading", { level: 3 })).toHaveTextContent("Refunds");
      // Test sends are for admins.
      expect(screen.queryByRole("button", { name: "Send test notification" })).not.toBeInTheDocument();
    });
  });
});
