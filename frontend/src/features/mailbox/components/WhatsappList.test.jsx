import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../../lib/format.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp } from "../../../test/render.jsx";
import { MailboxPage } from "./MailboxPage.jsx";

const WHATSAPP = "GET main /dev/whatsapp";
const PERSON = "919812345678";
const INSTALL = "106540352242922";
const REPLY = `POST main /dev/whatsapp/${PERSON}/reply`;
const HINDI = "नमस्ते आशा, आप Morning Flow के लिए बुक हैं।";
const CONFIRMATION = {
  direction: "out",
  id: "wamid.out1",
  timestamp: 1_795_000_000,
  text: HINDI,
  template: { name: "booking_confirmed", language: "hi", parameters: { body: ["आशा", "Morning Flow"] } },
  statuses: ["sent", "delivered"],
  errors: [],
};
const ANSWER = { direction: "in", id: "wamid.in1", timestamp: 1_795_000_060, text: "कल आ रही हूँ", template: null, statuses: [], errors: [] };
const LATE = { direction: "out", id: "wamid.out2", timestamp: 1_795_100_000, text: "See you", template: null, statuses: ["failed"], errors: [131047] };
const CONVERSATION = { phone_number_id: INSTALL, display_phone_number: "919000011111", wa_id: PERSON, messages: [CONFIRMATION, ANSWER, LATE] };

function renderMailbox(handlers) {
  const api = fakeApi({
    "GET main /dev/mailbox": () => ok({ folder: "/srv/app/instance/mail", messages: [] }),
    "GET main /dev/texts": () => ok({ folder: "/srv/app/instance/sms", texts: [] }),
    [WHATSAPP]: () => ok({ business_number_id: INSTALL, conversations: [CONVERSATION] }),
    ...handlers,
  });
  return renderApp(<MailboxPage />, { route: paths.mailbox, path: paths.mailbox, api });
}

const section = () => screen.findByRole("region", { name: "WhatsApp" });

describe("WhatsappList", () => {
  it("lists a conversation: our template with its name, language and words, their answer, statuses and Meta's error", async () => {
    renderMailbox();
    const conversation = await within(await section()).findByRole("listitem", { name: `Conversation with +${PERSON}` });
    expect(within(conversation).getByRole("heading", { level: 3 })).toHaveTextContent(`+${PERSON} and +919000011111`);
    const [ours, theirs, late] = within(conversation).getAllByRole("listitem");
    expect(ours).toHaveTextContent("Sent as template booking_confirmed (hi)");
    expect(within(ours).getByText(HINDI)).toHaveAttribute("lang", "hi");
    expect(ours).toHaveTextContent("sent → delivered");
    const when = new Date(CONFIRMATION.timestamp * 1000).toISOString();
    expect(ours.querySelector("time")).toHaveAttribute("dateTime", when);
    expect(ours.querySelector("time")).toHaveTextContent(formatDateTime(when));
    expect(theirs).toHaveTextContent("Received");
    expect(theirs).toHaveTextContent("कल आ रही हूँ");
    expect(late).toHaveTextContent("Sent as free-form text");
    expect(late).toHaveTextContent("failed Meta's error: 131047");
  });

  it("writes any words as the person, through the business number of the conversation, and reads the list again", async () => {
    const { user, api } = renderMailbox({ [REPLY]: () => ok({ id: "wamid.in2", business_number_id: INSTALL }) });
    const conversation = await within(await section()).findByRole("listitem", { name: `Conversation with +${PERSON}` });
    const box = within(conversation).getByLabelText(`Write as +${PERSON}`);
    expect(within(conversation).getByRole("button", { name: "Send" })).toBeDisabled();
    await user.type(box, "हाँ, मैं आऊँगी");
    await user.click(within(conversation).getByRole("button", { name: "Send" }));
    expect(await within(await section()).findByText(`+${PERSON} wrote “हाँ, मैं आऊँगी”`, { exact: false })).toBeInTheDocument();
    expect(api.callsTo(REPLY).map((call) => call.body)).toEqual([{ text: "हाँ, मैं आऊँगी", business_number_id: INSTALL }]);
    expect(box).toHaveValue("");
    expect(api.callsTo(WHATSAPP).length).toBeGreaterThan(1);
  });

  it("sends STOP from the person's number with one click", async () => {
    const { user, api } = renderMailbox({ [REPLY]: () => ok({ id: "wamid.in3", business_number_id: INSTALL }) });
    await user.click(await within(await section()).findByRole("button", { name: `Send STOP from +${PERSON}` }));
    expect(await within(await section()).findByText(`+${PERSON} wrote “STOP”`, { exact: false })).toBeInTheDocument();
    expect(api.callsTo(REPLY).map((call) => call.body)).toEqual([{ text: "STOP", business_number_id: INSTALL }]);
  });

  it("says why a message was not taken", async () => {
    const { user } = renderMailbox({ [REPLY]: () => apiError(400, "whatsapp_stand_in_refused", "The WhatsApp stand-in refused this: KeyError") });
    await user.click(await within(await section()).findByRole("button", { name: `Send STOP from +${PERSON}` }));
    expect(await within(await section()).findByRole("alert")).toHaveTextContent("The message was not taken. The WhatsApp stand-in refused this: KeyError");
  });

  it("says when nothing went over WhatsApp yet", async () => {
    renderMailbox({ [WHATSAPP]: () => ok({ business_number_id: INSTALL, conversations: [] }) });
    expect(await within(await section()).findByText("No WhatsApp messages yet.")).toBeInTheDocument();
  });

  it("says the stand-in is not running when the main API cannot reach it", async () => {
    renderMailbox({ [WHATSAPP]: () => apiError(409, "whatsapp_stand_in_down", "No WhatsApp stand-in is set for this API.") });
    expect(await within(await section()).findByText("The WhatsApp stand-in is not running.")).toBeInTheDocument();
    expect(within(await section()).queryByRole("alert")).not.toBeInTheDocument();
  });
});
