import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { apiError, ok } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { CONNECT, DISCONNECT, NUMBER, numberOf, whatsappApi } from "../test-fixtures.js";
import { WhatsappNumber } from "./WhatsappNumber.jsx";

const VALUES = {
  phone_number_id: "106540352242922",
  business_account_id: "102290129340398",
  access_token: "EAAGm0PX4ZCpsBAKZBZCtokenOfTheLotusStudioZx9Q",
  app_secret: "5bcdef0123456789abcdef0123456785",
  verify_token: "lotus-own-verify-token-2031",
};
const LABELS = { phone_number_id: "Phone number ID", business_account_id: "WhatsApp Business Account ID", access_token: "Access token", app_secret: "App secret", verify_token: "Verify token" };

/** The studio as `role`, its number answering from `state.number`; PUT and DELETE as `connect` and `disconnect` say
 *  (by default they succeed, and GET answers what they made). */
function numberApi({ role = "owner", state = { number: numberOf("install") }, connect, disconnect } = {}) {
  return whatsappApi({
    role,
    more: {
      [NUMBER]: () => ok(state.number),
      [CONNECT]: connect ?? (() => ok((state.number = numberOf("own")))),
      [DISCONNECT]: disconnect ?? (() => ok((state.number = numberOf("install")))),
    },
  });
}
const renderNumber = (api) => renderApp(<WhatsappNumber />, { api, as: USERS.user, studios: true });
const card = () => screen.getByRole("region", { name: "WhatsApp number" });
const current = () => card().querySelector(".whatsapp-number-current");

async function fillIn(user, values = VALUES) {
  for (const [name, value] of Object.entries(values)) {
    const input = screen.getByLabelText(LABELS[name]);
    await user.clear(input);
    if (value) await user.type(input, value);
  }
}

describe("WhatsappNumber", () => {
  it("shows a studio on the platform's number that it has no number of its own, nor a webhook yet", async () => {
    renderNumber(numberApi());
    expect(await screen.findByText("The platform's number", { selector: "dd" })).toBeInTheDocument();
    expect(within(card()).getByText(/the callback URL to give Meta's app shows here/)).toBeInTheDocument();
    expect(within(card()).queryByRole("button", { name: "Disconnect the number" })).not.toBeInTheDocument();
    expect(within(card()).getByRole("button", { name: "Connect the number" })).toBeInTheDocument();
    expect(screen.getByLabelText("Phone number ID")).toHaveValue("");
    expect(screen.getByLabelText("Phone number ID")).toHaveAccessibleDescription(/Meta Business Manager → WhatsApp → API setup/);
  });

  it("shows the studio's own number: its ids, the token's hint with its date, and the callback URL as code", async () => {
    renderNumber(numberApi({ state: { number: numberOf("own") } }));
    expect(await screen.findByText("The studio's own number", { selector: "dd" })).toBeInTheDocument();
    expect(within(current()).getByText("106540352242922")).toBeInTheDocument();
    expect(within(current()).getByText("102290129340398")).toBeInTheDocument();
    expect(within(current()).getByText("EAA…Zx9Q").tagName).toBe("CODE");
    expect(within(current()).getByText("EAA…Zx9Q").closest("dd")).toHaveTextContent(/^EAA…Zx9Q \(set .*2031.*\)$/);
    const url = within(card()).getByText("http://localhost:5000/whatsapp/webhook/lotus-yoga");
    expect(url.tagName).toBe("CODE");
    expect(within(card()).getByText(/paste this callback URL and the verify token you saved here/)).toBeInTheDocument();
    // The ids stay in the form to change a token alone; the secrets are never shown back.
    expect(screen.getByLabelText("Phone number ID")).toHaveValue("106540352242922");
    expect(screen.getByLabelText("Access token")).toHaveValue("");
    expect(screen.getByLabelText("Access token")).toHaveAttribute("type", "password");
  });

  it("says when the studio has no WhatsApp at all", async () => {
    renderNumber(numberApi({ state: { number: numberOf("none") } }));
    expect(await screen.findByText("No number: no WhatsApp messages go out", { selector: "dd" })).toBeInTheDocument();
  });

  it("connects the number with its five values, trimmed, then shows it and empties the secrets", async () => {
    const api = numberApi();
    const { user } = renderNumber(api);
    await screen.findByLabelText("Phone number ID");
    await fillIn(user, { ...VALUES, phone_number_id: ` ${VALUES.phone_number_id} ` });
    await user.click(screen.getByRole("button", { name: "Connect the number" }));
    expect(await screen.findByText("Saved: the studio's messages now go through its own number.")).toBeInTheDocument();
    expect(api.callsTo(CONNECT).map((call) => call.body)).toEqual([VALUES]);
    expect(screen.getByText("The studio's own number", { selector: "dd" })).toBeInTheDocument();
    expect(within(card()).getByText("http://localhost:5000/whatsapp/webhook/lotus-yoga")).toBeInTheDocument();
    expect(screen.getByLabelText("Access token")).toHaveValue("");
    expect(screen.getByLabelText("App secret")).toHaveValue("");
    expect(screen.getByLabelText("Phone number ID")).toHaveValue(VALUES.phone_number_id);
    expect(within(card()).getByRole("button", { name: "Save the new values" })).toBeInTheDocument();
  });

  it("checks each value's shape before sending, as the server does", async () => {
    const api = numberApi();
    const { user } = renderNumber(api);
    await screen.findByLabelText("Phone number ID");
    await fillIn(user, { phone_number_id: "+91 98765 43210", business_account_id: "", access_token: "abc", app_secret: "5BCDEF0123456789ABCDEF0123456785", verify_token: "short" });
    await user.click(screen.getByRole("button", { name: "Connect the number" }));
    expect(screen.getByLabelText("Phone number ID")).toHaveAccessibleDescription(/The phone number ID is 6 to 20 digits, with nothing else\.$/);
    expect(screen.getByLabelText("WhatsApp Business Account ID")).toHaveAccessibleDescription(/Fill this in\.$/);
    expect(screen.getByLabelText("Access token")).toHaveAccessibleDescription(/starts with EAA and has no spaces\.$/);
    expect(screen.getByLabelText("App secret")).toHaveAccessibleDescription(/digits and the letters a to f\.$/);
    expect(screen.getByLabelText("Verify token")).toHaveAccessibleDescription(/16 to 200 letters, digits or signs, without spaces\.$/);
    await waitFor(() => expect(screen.getByLabelText("Phone number ID")).toHaveFocus());
    // The platform's own number: every studio without its own sends through it already.
    await fillIn(user, { ...VALUES, phone_number_id: "100000000000001" });
    await user.click(screen.getByRole("button", { name: "Connect the number" }));
    expect(screen.getByLabelText("Phone number ID")).toHaveAccessibleDescription(/This is the platform's own number/);
    expect(api.callsTo(CONNECT)).toHaveLength(0);
  });

  it("shows the server's 400 details at the fields they name", async () => {
    const refused = () => apiError(400, "validation_error", "Invalid input: app_secret.", { app_secret: ["The app secret from the Meta app's basic settings: 32 letters a-f and digits."] });
    const { user } = renderNumber(numberApi({ connect: refused }));
    await screen.findByLabelText("Phone number ID");
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Connect the number" }));
    expect(await screen.findByText("The app secret from the Meta app's basic settings: 32 letters a-f and digits.")).toBeInTheDocument();
    expect(screen.getByLabelText("App secret")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("App secret")).toHaveAccessibleDescription(/32 letters a-f and digits\.$/);
    expect(within(card()).getByRole("alert")).toHaveTextContent("The number was not connected: correct the fields marked.");
  });

  it("says clearly when another studio has the number already", async () => {
    const taken = () => apiError(409, "whatsapp_number_taken", "This WhatsApp number is connected to another studio already.");
    const { user } = renderNumber(numberApi({ connect: taken }));
    await screen.findByLabelText("Phone number ID");
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Connect the number" }));
    expect(await within(card()).findByRole("alert")).toHaveTextContent("The number was not connected: correct the fields marked.");
    expect(screen.getByLabelText("Phone number ID")).toHaveAccessibleDescription(/This number is connected to another studio already: each number serves one studio\.$/);
    await waitFor(() => expect(screen.getByLabelText("Phone number ID")).toHaveFocus());
    expect(screen.getByText("The platform's number", { selector: "dd" })).toBeInTheDocument();
  });

  it("disconnects the number only once the owner confirms", async () => {
    const api = numberApi({ state: { number: numberOf("own") } });
    const { user } = renderNumber(api);
    await user.click(await screen.findByRole("button", { name: "Disconnect the number" }));
    let dialog = screen.getByRole("dialog", { name: "Disconnect the studio's WhatsApp number?" });
    expect(dialog).toHaveTextContent("The studio's messages will go through the platform's number again.");
    await user.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.callsTo(DISCONNECT)).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Disconnect the number" }));
    dialog = screen.getByRole("dialog", { name: "Disconnect the studio's WhatsApp number?" });
    await user.click(within(dialog).getByRole("button", { name: "Yes, disconnect" }));
    expect(await screen.findByText("Disconnected: the studio's messages go through the platform's number again.")).toBeInTheDocument();
    expect(api.callsTo(DISCONNECT)).toHaveLength(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText("The platform's number", { selector: "dd" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Disconnect the number" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Phone number ID")).toHaveValue("");
  });

  it("shows nothing, and asks nothing, to a member without studio.whatsapp", async () => {
    const api = numberApi({ role: "manager" });
    renderNumber(api);
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).toHaveLength(1));
    expect(screen.queryByRole("heading", { name: "WhatsApp number" })).not.toBeInTheDocument();
    expect(api.callsTo(NUMBER)).toHaveLength(0);
  });

  it("reads in Hindi and Marathi", async () => {
    await setLanguage("hi");
    const { unmount } = renderNumber(numberApi());
    expect(await screen.findByRole("heading", { name: "WhatsApp नंबर" })).toBeInTheDocument();
    expect(await screen.findByText("प्लैटफ़ॉर्म का नंबर", { selector: "dd" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "नंबर जोड़ें" })).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderNumber(numberApi());
    expect(await screen.findByText("प्लॅटफॉर्मचा नंबर", { selector: "dd" })).toBeInTheDocument();
    expect(screen.getByLabelText("फोन नंबर आयडी")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "नंबर जोडा" })).toBeInTheDocument();
  });
});
