import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths, patterns } from "../../../lib/paths.js";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { BOOK, bookApi, makeClient, makeProfile } from "../test-fixtures.js";
import { ClientPage } from "./ClientPage.jsx";

const ASHA = makeClient(1, { name: "Asha Verma", phone: "+919876543210" });
const CONSENT = "main /api/studios/lotus-yoga/clients/101/whatsapp/consent";
const NUMBER = "+919876543210";
// The server's opt-in words for the client's number in the client's language (Marathi here), as GET gives them.
const WORDING = `माझ्या बुकिंगबद्दलचे संदेश मला WhatsApp वर ${NUMBER} वर पाठवा.`;

/** The book with Asha (account 101), and her WhatsApp consent answering from `state` as the main API does. */
function consentApi({ role = "owner", state = {}, put } = {}) {
  let current = { opted_in: false, stopped: false, number_hint: "•••• 3210", window_open: false, window_closes_at: null, can_answer: false, ...state };
  const words = { wording: state.wording === undefined ? WORDING : state.wording, wording_language: "mr" };
  return bookApi({
    role,
    clients: [ASHA],
    more: {
      [`GET ${BOOK}/1`]: ({ query }) => ok(makeProfile(ASHA, { query })),
      [`GET ${CONSENT}`]: () => ok({ ...current, ...words }),
      [`PUT ${CONSENT}`]: (call) => {
        const refused = put?.(call);
        if (refused) return refused;
        current = { ...current, opted_in: call.body.opted_in };
        return ok(current);
      },
    },
  });
}
const renderClient = (api) => renderApp(<ClientPage />, { route: paths.client(1), path: patterns.client, api, as: USERS.user, studios: true });
const findSection = async (name = "WhatsApp consent") => (await screen.findByRole("heading", { name })).closest("section");

describe("ClientWhatsappConsent", () => {
  it("shows the words to read out and records the opt-in with them", async () => {
    const api = consentApi();
    const { user } = renderClient(api);
    const section = await findSection();
    expect(await within(section).findByText("Not opted in to WhatsApp messages.")).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Record WhatsApp opt-in" }));
    const words = within(section).getByText(WORDING);
    expect(words).toHaveAttribute("lang", "mr");
    await user.click(within(section).getByRole("button", { name: "They agree: record the opt-in" }));
    expect(await within(section).findByText("Recorded: WhatsApp messages are on.")).toBeInTheDocument();
    expect(within(section).getByText("Opted in to WhatsApp messages at •••• 3210.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${CONSENT}`).map((call) => call.body)).toEqual([{ opted_in: true, wording: WORDING }]);
  });

  it("records an opt-out for a client who opted in", async () => {
    const api = consentApi({ state: { opted_in: true } });
    const { user } = renderClient(api);
    const section = await findSection();
    await user.click(await within(section).findByRole("button", { name: "Record opt-out" }));
    expect(await within(section).findByText("Recorded: WhatsApp messages are off.")).toBeInTheDocument();
    expect(api.callsTo(`PUT ${CONSENT}`).map((call) => call.body)).toEqual([{ opted_in: false }]);
    expect(within(section).getByRole("button", { name: "Record WhatsApp opt-in" })).toBeInTheDocument();
  });

  it("says a client without a number needs one, and a STOP as such", async () => {
    const { user } = renderClient(consentApi({ state: { wording: null, number_hint: null } }));
    const section = await findSection();
    await user.click(await within(section).findByRole("button", { name: "Record WhatsApp opt-in" }));
    expect(within(section).getByText("The client has no mobile number: they need to add one first.")).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "They agree: record the opt-in" })).toBeNull();
  });

  it("shows the server's refusal and keeps what was there", async () => {
    const api = consentApi({ put: () => apiError(409, "no_phone", "Give a mobile number first.") });
    const { user } = renderClient(api);
    const section = await findSection();
    await user.click(await within(section).findByRole("button", { name: "Record WhatsApp opt-in" }));
    await user.click(within(section).getByRole("button", { name: "They agree: record the opt-in" }));
    expect(await within(section).findByText("Give a mobile number first.")).toBeInTheDocument();
    expect(within(section).getByText("Not opted in to WhatsApp messages.")).toBeInTheDocument();
  });

  it("is not shown to a member without clients.write, and nothing is asked", async () => {
    const api = consentApi({ role: "instructor" });
    renderClient(api);
    await screen.findByRole("heading", { level: 1, name: "Asha Verma" });
    expect(screen.queryByRole("heading", { name: "WhatsApp consent" })).toBeNull();
    await waitFor(() => expect(api.callsTo(`GET ${CONSENT}`)).toHaveLength(0));
  });

  it("in Hindi", async () => {
    await setLanguage("hi");
    const { user } = renderClient(consentApi());
    const section = await findSection("WhatsApp सहमति");
    await user.click(await within(section).findByRole("button", { name: "WhatsApp सहमति दर्ज करें" }));
    expect(within(section).getByText(WORDING)).toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "वे सहमत हैं: सहमति दर्ज करें" })).toBeInTheDocument();
  });
});
