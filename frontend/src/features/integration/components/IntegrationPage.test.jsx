import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { IntegrationPage } from "./IntegrationPage.jsx";

const STATUS = "GET main /api/crm/integration";
const RETRY = "PATCH main /api/crm/integration/retry-failed";
const TEST = "POST main /api/crm/integration/test";

const status = (overrides = {}) => ({
  crm: { base_url: "http://localhost:5001", reachable: true, signing: true },
  outbox: { pending: 4, retrying: 2, dead: 3, delivered_last_hour: 57, oldest_pending_at: "2030-11-21T02:31:54+00:00" },
  last_success_at: "2030-11-21T02:40:00+00:00",
  last_error: { attempted_at: "2030-11-21T02:35:00+00:00", message_id: "m-1", status_code: 503, error: "CRMServerError: 503 Service Unavailable" },
  configuration_error: false,
  ...overrides,
});

function renderIntegration({ as = "facilitator", handlers = {} } = {}) {
  const api = fakeApi({ [STATUS]: () => ok(status()), ...handlers });
  return renderApp(<IntegrationPage />, { route: paths.integration, api, as });
}

/** The value shown for a label in the status panel. */
const factValue = (label) => screen.getByText(label, { selector: "dt" }).nextElementSibling;

describe("IntegrationPage", () => {
  it("shows the figures of the delivery pipeline", async () => {
    renderIntegration();
    expect(screen.getByRole("heading", { level: 1, name: "CRM integration" })).toBeInTheDocument();
    expect(document.title).toBe("CRM integration · Sessions & Retreats");
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
    // Test sends are for admins.
    expect(screen.queryByRole("button", { name: "Send test notification" })).not.toBeInTheDocument();
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
    expect(api.callsTo(RETRY)).toHaveLength(1);
    await waitFor(() => expect(factValue("Failed (dead)")).toHaveTextContent("0"));
    expect(screen.getByRole("button", { name: "Retry failed deliveries" })).toBeDisabled();
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
});
