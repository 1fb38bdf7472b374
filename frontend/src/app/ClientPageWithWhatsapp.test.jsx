import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BOOK, bookApi, makeClient, makeEntry, makeProfile } from "../features/clients/test-fixtures.js";
import { signature, studioForm } from "../features/forms/test-fixtures.js";
import { CLIENT_WHATSAPP, SEND, windowOf } from "../features/whatsapp/test-fixtures.js";
import { paths, patterns } from "../lib/paths.js";
import { ok, reply } from "../test/fake-api.js";
import { USERS, renderApp } from "../test/render.jsx";
import { ClientPageWithWhatsapp } from "./ClientPageWithWhatsapp.jsx";

const ASHA = makeClient(1, { name: "Asha Verma", email: "asha@example.com" }); // user_id 101 on the main API
const PROFILE = `GET ${BOOK}/1`;
const SIGNATURES = "GET main /api/studios/lotus-yoga/clients/101/form-signatures";
const RECEIVED = makeEntry(2, { type: "whatsapp_received", event_title: null, message: null, whatsapp: { text: "Is there a class tomorrow?" } });
const ANSWERED = makeEntry(3, { type: "whatsapp_answered", event_title: null, message: null, whatsapp: { text: "Yes, at 7.", sent_by: { id: 7, name: "Asha Verma" }, message_id: "msg-1" } });

function pageApi({ role = "front_desk", state = { timeline: [RECEIVED, makeEntry(1)] } } = {}) {
  return bookApi({
    role,
    clients: [ASHA],
    more: {
      [PROFILE]: ({ query }) => ok(makeProfile(ASHA, { query, timeline: state.timeline })),
      [CLIENT_WHATSAPP]: () => ok(windowOf()),
      "GET main /api/studios/lotus-yoga/forms": () => ok({ items: [studioForm()] }),
      [SIGNATURES]: () => ok({ items: [signature({ full_name: "Asha Verma" })] }),
      [SEND]: ({ body }) => {
        state.timeline = [{ ...ANSWERED, whatsapp: { ...ANSWERED.whatsapp, text: body.text } }, ...state.timeline];
        return reply(202, { message_id: "msg-1", window_closes_at: windowOf().window_closes_at });
      },
    },
  });
}
const renderPage = (api) => renderApp(<ClientPageWithWhatsapp />, { route: paths.client(1), path: patterns.client, api, as: USERS.user, studios: true });
const section = (name) => screen.getByRole("heading", { name }).closest("section");

describe("ClientPageWithWhatsapp", () => {
  it("shows the client's WhatsApp from the main API by their user id, and their messages in the timeline", async () => {
    const api = pageApi();
    renderPage(api);
    expect(await screen.findByText(/^You can answer until/)).toBeInTheDocument();
    expect(api.callsTo(CLIENT_WHATSAPP)).toHaveLength(1);
    const entries = within(section("Timeline")).getAllByRole("listitem");
    expect(entries[0]).toHaveTextContent("WhatsApp message “Is there a class tomorrow?”");
    expect(entries[1]).toHaveTextContent("Checked in · Morning Flow");
  });

  it("shows the forms the client signed, by their user id", async () => {
    const api = pageApi();
    renderPage(api);
    const signed = (await screen.findByRole("heading", { name: "Signed forms" })).closest("section");
    expect(await within(signed).findByText("Liability waiver")).toBeInTheDocument();
    expect(signed).toHaveTextContent(/Signed by Asha Verma on/);
    expect(api.callsTo(SIGNATURES)).toHaveLength(1);
  });

  it("sends an answer, and reads the timeline again with it and who sent it", async () => {
    const api = pageApi();
    const { user } = renderPage(api);
    await user.type(await screen.findByLabelText("Your answer to Asha Verma"), "See you at 7");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(api.callsTo(PROFILE)).toHaveLength(2));
    expect(await within(section("Timeline")).findByText("Asha Verma: “See you at 7”")).toBeInTheDocument();
    expect(within(section("Timeline")).getAllByRole("listitem")[0]).toHaveTextContent("WhatsApp answer");
    expect(within(section("WhatsApp")).getAllByText("See you at 7")).toHaveLength(1);
  });

  it("shows no WhatsApp to an instructor", async () => {
    const api = pageApi({ role: "instructor" });
    renderPage(api);
    expect(await screen.findByRole("heading", { level: 1, name: "Asha Verma" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "WhatsApp" })).not.toBeInTheDocument();
    expect(api.callsTo(CLIENT_WHATSAPP)).toHaveLength(0);
    expect(screen.queryByRole("heading", { name: "Signed forms" })).not.toBeInTheDocument();
    expect(api.callsTo(SIGNATURES)).toHaveLength(0);
  });
});
