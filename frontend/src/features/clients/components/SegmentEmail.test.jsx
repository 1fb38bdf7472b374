import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, ok, reply } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { SENT_EMAILS, bookApi, makeClient, makeSegment } from "../test-fixtures.js";
import { ClientsPage } from "./ClientsPage.jsx";

const EMAILS = "POST main /api/studios/lotus-yoga/segments/3/emails";
const LAPSED = makeSegment(3, { name: "Lapsed", count: 15 });
const CAP = { per_day: 2000, used: 12, left: 1988 };
const DRY_RUN = { segment: { id: 3, name: "Lapsed" }, recipients: 12, left_out: 1, cap: CAP };

/** The studio's client book with one segment, its email route answering `emails` (the dry run by default, the send
 *  201), and an empty list of sent emails. */
function emailApi({ role = "owner", emails } = {}) {
  const answer = emails ?? (({ body }) => (body.dry_run ? ok(DRY_RUN) : reply(201, { ...DRY_RUN, id: 40, subject: body.subject, created_at: "2031-03-21T04:30:00+00:00" })));
  return bookApi({ role, clients: [makeClient(1)], segments: [LAPSED], more: { [EMAILS]: answer } });
}

const renderClients = (api, route = `${paths.clients}?segment=3`) => renderApp(<ClientsPage />, { route, api, as: USERS.user, studios: true });
const actions = () => screen.findByRole("region", { name: "Client list actions" });

/** Opens the form on the picked segment and types the words. */
async function compose(user, { subject = "Come back this week", text = "We miss you.\n\nA class is on us." } = {}) {
  await user.click(await within(await actions()).findByRole("button", { name: "Email this segment" }));
  const form = await screen.findByRole("form", { name: "Email this segment" });
  if (subject) await user.type(within(form).getByLabelText("Subject"), subject);
  if (text) await user.type(within(form).getByLabelText("Message"), text);
  return form;
}

describe("ClientsPage's segment email", () => {
  it("previews the count with a dry run, then sends to the segment's consenting clients", async () => {
    const api = emailApi();
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    expect(await within(form).findByText("12 clients will get it (left out: 2 without consent or an email, 1 unsubscribed or with a repeated address); 1,988 of today's 2,000 left.")).toBeInTheDocument();
    expect(api.callsTo(EMAILS)[0].body).toEqual({ subject: "Come back this week", text: "We miss you.\n\nA class is on us.", dry_run: true });

    await user.click(within(form).getByRole("button", { name: "Send to 12 clients" }));
    expect(await screen.findByText("Sent to 12 clients.")).toBeInTheDocument();
    expect(api.callsTo(EMAILS)[1].body.dry_run).toBe(false);
    expect(screen.queryByRole("form", { name: "Email this segment" })).not.toBeInTheDocument();
    await waitFor(() => expect(api.callsTo(SENT_EMAILS).length).toBeGreaterThan(1)); // the list read again
  });

  it("keeps the send button disabled while the send is on its way, so one click sends once", async () => {
    let arrive;
    const arrived = new Promise((resolve) => (arrive = resolve));
    const api = emailApi({ emails: async ({ body }) => (body.dry_run ? ok(DRY_RUN) : (await arrived, reply(201, { ...DRY_RUN, id: 40, subject: body.subject, created_at: "2031-03-21T04:30:00+00:00" }))) });
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    const send = await within(form).findByRole("button", { name: "Send to 12 clients" });
    await user.click(send);
    await waitFor(() => expect(send).toHaveAttribute("aria-disabled", "true"));
    await user.click(send);
    arrive();
    expect(await screen.findByText("Sent to 12 clients.")).toBeInTheDocument();
    expect(api.callsTo(EMAILS).filter((call) => !call.body.dry_run)).toHaveLength(1);
  });

  it("asks for a new preview when the words change, and closes on Cancel", async () => {
    const api = emailApi();
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    await within(form).findByRole("button", { name: "Send to 12 clients" });
    await user.type(within(form).getByLabelText("Subject"), "!");
    expect(within(form).queryByRole("button", { name: "Send to 12 clients" })).not.toBeInTheDocument();
    expect(within(form).getByRole("button", { name: "Preview" })).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("form", { name: "Email this segment" })).not.toBeInTheDocument();
    expect(api.callsTo(EMAILS).every((call) => call.body.dry_run)).toBe(true);
  });

  it("closes the form when another segment is picked: the words were for the first one", async () => {
    const api = bookApi({ clients: [makeClient(1)], segments: [LAPSED, makeSegment(5, { name: "Members", count: 2 })] });
    const { user } = renderClients(api);
    await compose(user);
    await user.selectOptions(screen.getByRole("combobox", { name: "Segment" }), "Members (2 clients)");
    await waitFor(() => expect(screen.queryByRole("form", { name: "Email this segment" })).not.toBeInTheDocument());
    expect(within(await actions()).getByRole("button", { name: "Email this segment" })).toHaveAttribute("aria-expanded", "false");
  });

  it("checks the words before asking, and shows the API's refusal beside the field it names", async () => {
    const refused = apiError(400, "validation_error", "Invalid input: text.", { text: ["No control characters but line breaks and tabs."] });
    const api = emailApi({ emails: () => refused });
    const { user } = renderClients(api);
    const form = await compose(user, { subject: "", text: "" });
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    expect(within(form).getByText("Write a subject.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Subject")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo(EMAILS)).toHaveLength(0);

    await user.type(within(form).getByLabelText("Subject"), "Hello");
    await user.type(within(form).getByLabelText("Message"), "Hi");
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    expect(await within(form).findByText("No control characters but line breaks and tabs.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Message")).toHaveAttribute("aria-invalid", "true");
  });

  it("says in words when the day's cap is reached, and nothing was sent", async () => {
    const api = emailApi({
      emails: ({ body }) => (body.dry_run ? ok(DRY_RUN) : apiError(409, "daily_cap_reached", "This studio sends at most 2000 marketing emails a day; 5 are left today.", { per_day: 2000, used: 1995, left: 5 })),
    });
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    await user.click(await within(form).findByRole("button", { name: "Send to 12 clients" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("This studio sends at most 2,000 marketing emails a day and 5 are left today, fewer than this segment needs. Nothing was sent.");
    expect(screen.queryByText("Sent to 12 clients.")).not.toBeInTheDocument();
  });

  it("says when nobody can be emailed, and keeps the send button away", async () => {
    const api = emailApi({ emails: () => ok({ ...DRY_RUN, recipients: 0, left_out: 0 }) });
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    expect(await within(form).findByText(/^Nobody in this segment can be emailed/)).toBeInTheDocument();
    expect(within(form).queryByRole("button", { name: /^Send to/ })).not.toBeInTheDocument();
  });

  it("says the CRM is out of reach when the main API can't read the segment", async () => {
    const api = emailApi({ emails: () => apiError(503, "crm_unavailable", "The CRM service is unavailable.") });
    const { user } = renderClients(api);
    const form = await compose(user);
    await user.click(within(form).getByRole("button", { name: "Preview" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("The client book can't be reached right now, so nobody was emailed.");
  });

  it("has no email button without a picked segment", async () => {
    renderClients(emailApi(), paths.clients);
    await within(await actions()).findByRole("button", { name: "Save as segment" });
    expect(screen.queryByRole("button", { name: "Email this segment" })).not.toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Sent emails" })).toBeInTheDocument();
  });

  it("has neither the email button nor the sent emails for a role without clients.email", async () => {
    const api = emailApi({ role: "front_desk" });
    renderClients(api);
    await within(await actions()).findByRole("button", { name: "Rename segment" });
    expect(screen.queryByRole("button", { name: "Email this segment" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Sent emails" })).not.toBeInTheDocument();
    expect(api.callsTo(SENT_EMAILS)).toHaveLength(0);
  });
});
