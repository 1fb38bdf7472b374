import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, pageOf } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { viewerInZone } from "../../../test/viewer-zone.js";
import { paths } from "../../../lib/paths.js";
import { inDays, session } from "../test-fixtures.js";
import { ApprovalsPage } from "./ApprovalsPage.jsx";

const BASE = "main /api/facilitator/2";
const retreat = { id: 3, title: "Silent Week", timezone: "Asia/Kolkata", kind: "retreat", location: "Rishikesh", facilitator: { id: 2, name: "Dr. Priya Sharma" } };
const request = (overrides = {}) => ({
  booking_id: 40,
  status: "pending_approval",
  seats: 2,
  guests: [{ id: 1, name: "Ravi", email: null, status: "active" }],
  requested_at: inDays(-1),
  hold_until: inDays(4),
  person: { id: 7, name: "Meera Iyer", email: "meera@example.com" },
  session: session({ id: 30, event_id: 3, price: 4_500_000 }),
  event: retreat,
  answers: [
    { question_id: 1, label: "Diet", kind: "choice", sensitive: false, value: "Vegan", purged: false },
    { question_id: 2, label: "Interests", kind: "multi_choice", sensitive: false, value: ["Yoga", "Silence"], purged: false },
    { question_id: 3, label: "First retreat?", kind: "yes_no", sensitive: false, value: true, purged: false },
  ],
  ...overrides,
});
const ASHA = request({ booking_id: 41, seats: 1, guests: [], person: { id: 8, name: "Asha Rao", email: "asha@example.com" }, answers: [], session: session({ id: 30, event_id: 3, price: 0 }) });

function approvalsApi(items = [request(), ASHA], more = {}) {
  let current = items;
  const api = fakeApi({
    [`GET ${BASE}/approvals`]: ({ query }) => ok(pageOf(current, query)),
    [`POST ${BASE}/bookings/40/approve`]: () => {
      current = current.filter((item) => item.booking_id !== 40);
      return ok({ id: 40, status: "pending_payment" });
    },
    [`POST ${BASE}/bookings/41/decline`]: () => {
      current = current.filter((item) => item.booking_id !== 41);
      return ok({ id: 41, status: "cancelled" });
    },
    ...more,
  });
  return api;
}

const renderPage = (api) => renderApp(<ApprovalsPage />, { route: paths.facilitatorApprovals, api, as: "facilitator" });
const cardOf = async (name) => (await screen.findByRole("heading", { name: new RegExp(name) })).closest("article");

describe("ApprovalsPage", () => {
  viewerInZone("Asia/Kolkata");

  it("lists each request with the person, the seats and their answers", async () => {
    renderPage(approvalsApi());
    const card = await cardOf("Meera Iyer");
    expect(within(card).getByText("meera@example.com")).toBeInTheDocument();
    expect(within(card).getByText("Silent Week")).toBeInTheDocument();
    expect(within(card).getByText(/2 seats \(with Ravi\)/)).toBeInTheDocument();
    expect(within(card).getByText("Diet").nextSibling).toHaveTextContent("Vegan");
    expect(within(card).getByText("Interests").nextSibling).toHaveTextContent("Yoga; Silence");
    expect(within(card).getByText("First retreat?").nextSibling).toHaveTextContent("Yes");
    expect(within(await cardOf("Asha Rao")).queryByRole("term")).toBeNull();
  });

  it("approves a paid request and says the person will pay", async () => {
    const api = approvalsApi();
    renderPage(api);
    fireEvent.click(within(await cardOf("Meera Iyer")).getByRole("button", { name: "Approve" }));
    expect(await screen.findByText("Meera Iyer is approved and has been emailed the link to pay.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("heading", { name: /Meera Iyer/ })).toBeNull());
    expect(api.calls.filter((call) => call.method === "POST").map((call) => call.path)).toEqual(["/api/facilitator/2/bookings/40/approve"]);
  });

  it("declines with a message asked for in a dialog, never without one", async () => {
    const api = approvalsApi();
    renderPage(api);
    fireEvent.click(within(await cardOf("Asha Rao")).getByRole("button", { name: "Decline" }));
    const dialog = await screen.findByRole("dialog", { name: "Decline Asha Rao's request?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Decline request" }));
    expect(within(dialog).getByText("Write a message: it is emailed to them.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Message to Asha Rao")).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(within(dialog).getByLabelText("Message to Asha Rao"), { target: { value: "  The spring retreat suits you better.  " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Decline request" }));
    expect(await screen.findByText("Asha Rao's request is declined; they have been emailed your message.")).toBeInTheDocument();
    const [decline] = api.calls.filter((call) => call.method === "POST");
    expect(decline.body).toEqual({ message: "The spring retreat suits you better." });
  });

  it("says when a request moved on before the decision", async () => {
    renderPage(approvalsApi([request()], { [`POST ${BASE}/bookings/40/approve`]: () => apiError(409, "not_pending_approval", "No longer waiting.") }));
    fireEvent.click(within(await cardOf("Meera Iyer")).getByRole("button", { name: "Approve" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This request is no longer waiting");
  });

  it("says when nothing waits", async () => {
    renderPage(approvalsApi([]));
    expect(await screen.findByText("No requests are waiting for you.")).toBeInTheDocument();
  });
});
