import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeClient } from "../features/clients/test-fixtures.js";
import { bookingNotification, notificationPage } from "../features/inbox/test-fixtures.js";
import { paths } from "../lib/paths.js";
import { fakeApi, ok } from "../test/fake-api.js";
import { USERS, renderApp } from "../test/render.jsx";
import { makeStudio, studioList } from "../test/studios.js";
import { InboxWithWhatsapp } from "./InboxWithWhatsapp.jsx";

const CARDS = "POST crm /api/studios/lotus-yoga/clients/cards";
const ASHA = makeClient(12, { name: "Asha Verma", email: "asha@example.com" });
const hoursFromNow = (hours) => new Date(Date.now() + hours * 3600_000).toISOString();

/** A client's WhatsApp message as the CRM lists it (issue 82's whatsapp_received). */
function received(id, data, user = { id: 112, name: "Asha Verma", email: "asha@example.com" }) {
  const text = "Is there a class tomorrow?";
  return bookingNotification({ id, notification_id: `wa${id}`, type: "whatsapp_received", booking_id: null, session_id: null, user, event: { id: null, title: null, start_date: null }, message: null, data: { text, received_at: hoursFromNow(-1), window_closes_at: hoursFromNow(23), stopped: false, ...data } });
}

function inboxApi(items, role = "manager") {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio(role))),
    "GET crm /notifications": () => ok(notificationPage(items)),
    [CARDS]: ({ body }) => ok({ items: body.emails.map((email) => ({ email, client: email === ASHA.email ? ASHA : null, notes: [], notes_total: 0, tags: [] })) }),
  });
}
const renderInbox = (api) => renderApp(<InboxWithWhatsapp />, { route: paths.inbox, api, as: { ...USERS.user, name: "Meera Manager" }, studios: true });
const itemOf = (text) => screen.getByText(text).closest("li");

describe("InboxWithWhatsapp", () => {
  it("shows a client's WhatsApp message: their words, their name a link to their page, and until when to reply", async () => {
    const api = inboxApi([received(5, {})]);
    renderInbox(api);
    const link = await screen.findByRole("link", { name: "Asha Verma" });
    expect(link).toHaveAttribute("href", paths.client(12));
    const item = itemOf("Is there a class tomorrow?");
    expect(item).toHaveTextContent("Asha Verma wrote on WhatsApp");
    expect(within(item).getByText(/^Reply window closes .* IST$/)).toBeInTheDocument();
    expect(api.callsTo(CARDS)[0].body).toEqual({ emails: ["asha@example.com"] });
  });

  it("says the reply window closed once it has, and names a person the book doesn't have without a link", async () => {
    renderInbox(inboxApi([received(5, { window_closes_at: hoursFromNow(-2) }, { id: 113, name: "Kiran Rao", email: "kiran@example.com" })]));
    expect(await screen.findByText("Reply window closed")).toBeInTheDocument();
    await waitFor(() => expect(itemOf("Is there a class tomorrow?")).toHaveTextContent("Kiran Rao wrote on WhatsApp"));
    expect(screen.queryByRole("link", { name: "Kiran Rao" })).not.toBeInTheDocument();
  });

  it("says when the client has sent STOP", async () => {
    renderInbox(inboxApi([received(5, { stopped: true, text: "STOP" })]));
    expect(await screen.findByText("They have sent STOP: answers no longer reach them.")).toBeInTheDocument();
  });

  it("keeps the inbox's own words for the other notifications", async () => {
    renderInbox(inboxApi([received(5, {}), bookingNotification({ id: 4 })]));
    expect(await screen.findByText(/Asha Rao booked/)).toBeInTheDocument();
    expect(screen.getByText("Is there a class tomorrow?")).toBeInTheDocument();
  });
});
