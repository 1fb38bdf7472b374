import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { apiError } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { CLIENT_WHATSAPP, REFUSED, SEND, whatsappApi, windowOf } from "../test-fixtures.js";
import { ClientWhatsapp } from "./ClientWhatsapp.jsx";

const entry = (id, type, data) => ({ id, type, message: null, whatsapp: data, occurred_at: `2031-03-20T0${id}:30:00+00:00`, received_at: `2031-03-20T0${id}:30:01+00:00` });
const TIMELINE = {
  items: [
    entry(3, "whatsapp_answered", { text: "See you at 7!", sent_by: { id: 9, name: "Ravi Iyer" }, message_id: "old-1" }),
    { ...entry(2, "checked_in"), event_title: "Morning Flow" },
    entry(1, "whatsapp_received", { text: "Is there a class tomorrow?", received_at: "2031-03-20T01:30:00+00:00" }),
  ],
  page: 1,
  pages: 1,
  total: 3,
};

function renderPanel(api, { onAnswered = vi.fn(), timeline = TIMELINE, userId = 101 } = {}) {
  const result = renderApp(<ClientWhatsapp userId={userId} name="Asha Verma" timeline={timeline} timeZone="Asia/Kolkata" onAnswered={onAnswered} />, { api, as: USERS.user, studios: true });
  return { ...result, onAnswered };
}
const panel = () => screen.getByRole("heading", { name: "WhatsApp" }).closest("section");

describe("ClientWhatsapp", () => {
  it("says until when an answer can go, and shows the conversation oldest first", async () => {
    renderPanel(whatsappApi());
    expect(await screen.findByText(/^You can answer until .* IST\.$/)).toBeInTheDocument();
    expect(screen.getByText("Number •••• 3210 · Opted in to WhatsApp messages about bookings")).toBeInTheDocument();
    const messages = within(screen.getByRole("list", { name: "WhatsApp conversation with Asha Verma" })).getAllByRole("listitem");
    expect(messages).toHaveLength(2); // the check-in is no message
    expect(messages[0]).toHaveTextContent(/Asha Verma, on WhatsApp · .*Is there a class tomorrow\?/);
    expect(messages[1]).toHaveTextContent(/Answer by Ravi Iyer · .*See you at 7!/);
    expect(screen.getByLabelText("Your answer to Asha Verma")).toHaveAttribute("maxLength", "4096");
  });

  it("says the window closed, with no box, when only templates can reach the client", async () => {
    renderPanel(whatsappApi({ state: { window: windowOf("closed", { opted_in: false, number_hint: null }) } }));
    expect(await screen.findByText("The 24-hour window has closed: only templates can reach Asha Verma now.")).toBeInTheDocument();
    expect(screen.getByText("Not opted in to WhatsApp messages about bookings")).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send" })).not.toBeInTheDocument();
  });

  it("says the client sent STOP, with no box", async () => {
    renderPanel(whatsappApi({ state: { window: windowOf("stopped") } }));
    expect(await screen.findByText(/^Asha Verma has sent STOP/)).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("says the studio has no number when the window is open but no answer can go", async () => {
    renderPanel(whatsappApi({ state: { window: windowOf("open", { can_answer: false }) } }));
    expect(await screen.findByText("The studio has no WhatsApp number connected, so answers can't be sent.")).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("counts the answer's characters, refuses an empty one, and sends it: shown in the conversation, the timeline reloaded", async () => {
    const api = whatsappApi();
    const { user, onAnswered } = renderPanel(api);
    const box = await screen.findByLabelText("Your answer to Asha Verma");
    expect(screen.getByText("0 of 4,096 characters")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("Write the answer first.")).toBeInTheDocument();
    expect(api.callsTo(SEND)).toHaveLength(0);
    await user.type(box, "Yes, at 7.");
    expect(screen.getByText("10 of 4,096 characters")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("Sent to Asha Verma on WhatsApp.")).toBeInTheDocument();
    expect(api.callsTo(SEND)[0].body).toEqual({ text: "Yes, at 7." });
    const messages = within(panel()).getAllByRole("listitem");
    expect(messages.at(-1)).toHaveTextContent(/Answer by Asha Verma · .*Yes, at 7\./);
    expect(box).toHaveValue("");
    expect(onAnswered).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.callsTo(CLIENT_WHATSAPP).length).toBeGreaterThan(1)); // the window read again
  });

  it("keeps one answer once when the timeline reloaded brings it back", async () => {
    const reloaded = { ...TIMELINE, items: [entry(4, "whatsapp_answered", { text: "Yes, at 7.", sent_by: { id: 7, name: "Asha Verma" }, message_id: "msg-1" }), ...TIMELINE.items] };
    function Page() {
      const [timeline, setTimeline] = useState(TIMELINE); // the page's profile, read again once an answer went
      return <ClientWhatsapp userId={101} name="Asha Verma" timeline={timeline} timeZone="Asia/Kolkata" onAnswered={() => setTimeline(reloaded)} />;
    }
    const { user } = renderApp(<Page />, { api: whatsappApi(), as: USERS.user, studios: true });
    await user.type(await screen.findByLabelText("Your answer to Asha Verma"), "Yes, at 7.");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByText("Sent to Asha Verma on WhatsApp.");
    expect(within(panel()).getAllByRole("listitem")).toHaveLength(3);
    expect(within(panel()).getAllByText("Yes, at 7.")).toHaveLength(1);
  });

  it.each([
    ["whatsapp_window_closed", "The 24-hour window closed before the answer went: only templates can reach Asha Verma now."],
    ["whatsapp_stopped", "Asha Verma has sent STOP: the answer was not sent."],
    ["whatsapp_not_connected", "The studio has no WhatsApp number connected, so answers can't be sent."],
  ])("says why an answer was refused (%s), keeps the words, and reads the window again", async (code, words) => {
    const state = { window: windowOf(), send: REFUSED[code] };
    const api = whatsappApi({ state });
    const { user, onAnswered } = renderPanel(api);
    await user.type(await screen.findByLabelText("Your answer to Asha Verma"), "Hello");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(`The answer was not sent. ${words}`);
    expect(screen.getByLabelText("Your answer to Asha Verma")).toHaveValue("Hello");
    expect(onAnswered).not.toHaveBeenCalled();
    await waitFor(() => expect(api.callsTo(CLIENT_WHATSAPP)).toHaveLength(2));
  });

  it("keeps saying why when the window read again hides the box", async () => {
    const state = { window: windowOf() };
    state.send = () => {
      state.window = windowOf("closed");
      return REFUSED.whatsapp_window_closed();
    };
    const { user } = renderPanel(whatsappApi({ state }));
    await user.type(await screen.findByLabelText("Your answer to Asha Verma"), "Hello");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("The 24-hour window has closed: only templates can reach Asha Verma now.")).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("The 24-hour window closed before the answer went");
  });

  it("says so when the person is not the studio's client", async () => {
    renderPanel(whatsappApi({ state: { window: () => apiError(404, "not_found", "Not found.") } }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn't load WhatsApp. Asha Verma is not this studio's client.");
  });

  it("shows nothing, and asks nothing, without clients.whatsapp or a user id", async () => {
    const api = whatsappApi({ role: "instructor" });
    renderPanel(api);
    await waitFor(() => expect(api.callsTo("GET main /api/studios")).toHaveLength(1));
    expect(screen.queryByRole("heading", { name: "WhatsApp" })).not.toBeInTheDocument();
    expect(api.callsTo(CLIENT_WHATSAPP)).toHaveLength(0);
  });
});
