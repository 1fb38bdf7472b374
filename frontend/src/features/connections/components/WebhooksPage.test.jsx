import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { fakeApi, ok, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { WebhooksPage } from "./WebhooksPage.jsx";

const HOOKS = "/api/studios/lotus-yoga/webhooks";
const catalogue = [
  { type: "booking_created", description: "A booking was made" },
  { type: "booking_cancelled", description: "A booking was cancelled" },
  { type: "checked_in", description: "A seat was checked in" },
];
const accounting = { id: 5, url: "https://books.example.com/hooks", description: "Accounting", event_types: ["booking_created"], source: "app", active: true, created_at: "2026-11-20T04:30:00+00:00" };
const delivered = { id: "a".repeat(32), type: "booking_created", status: "delivered", attempts: 1, last_status_code: 200, last_error: null, created_at: "2026-11-30T04:30:00+00:00", next_attempt_at: null, delivered_at: "2026-11-30T04:30:01+00:00", body: {} };
const dead = { ...delivered, id: "b".repeat(32), status: "dead", last_status_code: 410, last_error: "answered 410", delivered_at: null };

function renderHooks(handlers = {}) {
  const api = fakeApi({ "GET main /api/studios": () => ok(studioList(makeStudio("owner"))), [`GET main ${HOOKS}`]: () => ok({ items: [accounting], event_types: catalogue }), ...handlers });
  return renderApp(<WebhooksPage />, { route: paths.webhooks, api, as: USERS.user, studios: true });
}

describe("the studio's webhooks", () => {
  it("adds a webhook for the news ticked and shows its signing secret once", async () => {
    const made = { ...accounting, id: 6, url: "https://site.example.com/hook", event_types: ["checked_in"], secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0" };
    const { user, api } = renderHooks({ [`POST main ${HOOKS}`]: () => reply(201, made) });
    await user.click(await screen.findByRole("button", { name: "Add webhook" }));
    expect(screen.getByText("Give your tool's address.")).toBeInTheDocument();
    expect(screen.getByText("Tick at least one kind of news.")).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Your tool's address/), "https://site.example.com/hook");
    await user.click(screen.getByRole("checkbox", { name: "Checked in" }));
    await user.click(screen.getByRole("button", { name: "Add webhook" }));
    expect(api.callsTo(`POST main ${HOOKS}`)[0].body).toEqual({ url: "https://site.example.com/hook", description: "", event_types: ["checked_in"] });
    expect(await screen.findByLabelText("Signing secret")).toHaveValue(made.secret);
  });

  it("shows a webhook's delivery log and sends a failed delivery again", async () => {
    const { user, api } = renderHooks({
      [`GET main ${HOOKS}/5/deliveries`]: () => ok({ items: [dead, delivered], page: 1, per_page: 10, total: 2, pages: 1 }),
      [`POST main ${HOOKS}/5/deliveries/${dead.id}/redeliver`]: () => reply(202, { ...dead, status: "pending" }),
    });
    const row = (await screen.findByRole("heading", { name: accounting.url })).closest("li");
    expect(within(row).getByText("Hears: Booking made")).toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: "Delivery log" }));
    const log = await screen.findByRole("table", { name: `Deliveries to ${accounting.url}` });
    const failed = within(log).getByText("Failed").closest("tr");
    expect(within(failed).getByText("Answered 410")).toBeInTheDocument();
    await user.click(within(failed).getByRole("button", { name: "Send again" }));
    expect(api.callsTo(`POST main ${HOOKS}/5/deliveries/${dead.id}/redeliver`)).toHaveLength(1);
    expect(await screen.findByText("It goes again in a moment.")).toBeInTheDocument();
  });

  it("switches a webhook off", async () => {
    const { user, api } = renderHooks({ [`PATCH main ${HOOKS}/5`]: () => ok({ ...accounting, active: false }) });
    await user.click(await screen.findByRole("button", { name: "Switch off" }));
    expect(api.callsTo(`PATCH main ${HOOKS}/5`)[0].body).toEqual({ active: false });
  });
});
