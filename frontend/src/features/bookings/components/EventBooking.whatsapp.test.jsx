import { screen, waitFor, within } from "@testing-library/react";
import { useQuery } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { useApi } from "../../../lib/auth.jsx";
import { setLanguage } from "../../../lib/i18n.js";
import { EVENTS_ROOT_KEY } from "../../../lib/query-client.js";
import { fakeApi, ok, reply } from "../../../test/fake-api.js";
import { bookingPage, makeBooking, makeEvent, makeSession } from "../../../test/fixtures.js";
import { renderApp } from "../../../test/render.jsx";
import { SessionRows, clickInRow, rowOf } from "../../../test/session-rows.jsx";
import { EventBooking } from "./EventBooking.jsx";

const CLASS = makeSession({ id: 11, price: 0 });
const NUMBER = "+919812345678";
const BOOK = "POST main /bookings/book";
const WHATSAPP = "GET main /auth/me/whatsapp";
// The server's opt-in words in the request's language, as GET /auth/me/whatsapp answers them.
const WORDING = {
  en: `Send me messages about my bookings on WhatsApp at ${NUMBER}: confirmations, changes, reminders and replies from my studio. I can stop them at any time by replying STOP.`,
  hi: `मेरी बुकिंग से जुड़े संदेश मुझे WhatsApp पर ${NUMBER} पर भेजें: पुष्टि, बदलाव, रिमाइंडर और मेरे स्टूडियो के जवाब। STOP (या रोकें) लिखकर भेजने से ये कभी भी बंद हो जाएँगे।`,
};

function Page() {
  const { main } = useApi();
  const { data: event } = useQuery({ queryKey: [...EVENTS_ROOT_KEY, "detail", "1"], queryFn: () => main.get("/events/1") });
  if (!event) return <p>Loading…</p>;
  return <EventBooking event={event} sessionsTable={(sessionAction) => <SessionRows event={event} sessionAction={sessionAction} />} />;
}

function whatsappApi({ verified = true, stopped = false, optedIn = false } = {}) {
  return fakeApi({
    "GET main /events/1": () => ok(makeEvent({ sessions: [CLASS] })),
    "GET main /events/1/questions": () => ok({ items: [] }),
    "GET main /bookings": () => ok(bookingPage([], [])),
    [WHATSAPP]: (call) => {
      const language = call.headers["Accept-Language"];
      return ok({ opted_in: optedIn, number: optedIn ? NUMBER : null, phone: NUMBER, phone_verified: verified, stopped, active: optedIn, wording: WORDING[language], wording_language: language, history: [] });
    },
    [BOOK]: ({ body }) => reply(201, { ...makeBooking({ id: 70, session: CLASS, session_id: body.session_id }), ...(body.whatsapp_opt_in ? { whatsapp: { opted_in: true, reason: null } } : {}) }),
  });
}

const open = async (user, label = "Book") => {
  await waitFor(() => rowOf(11));
  await clickInRow(user, 11, label);
  return screen.getByRole("dialog");
};

describe("EventBooking: WhatsApp too", () => {
  it("offers the box with the exact words beneath and sends them when ticked", async () => {
    const api = whatsappApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    const box = await within(dialog).findByRole("checkbox", { name: "Send my booking messages on WhatsApp too" });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(WORDING.en);
    await user.click(box);
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByText(/You're booked!/)).toBeInTheDocument();
    const [sent] = api.callsTo(BOOK);
    expect(sent.body).toMatchObject({ session_id: 11, whatsapp_opt_in: true, whatsapp_wording: WORDING.en });
    // The opt-in is read again after the booking recorded it.
    await waitFor(() => expect(api.callsTo(WHATSAPP).length).toBeGreaterThan(1));
  });

  it("sends nothing of WhatsApp when the box is left alone", async () => {
    const api = whatsappApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    await within(dialog).findByRole("checkbox", { name: "Send my booking messages on WhatsApp too" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByText(/You're booked!/)).toBeInTheDocument();
    const [sent] = api.callsTo(BOOK);
    expect(sent.body).not.toHaveProperty("whatsapp_opt_in");
    expect(sent.body).not.toHaveProperty("whatsapp_wording");
  });

  it.each([
    ["a number not proved", { verified: false }],
    ["a number that replied STOP", { stopped: true }],
    ["an opt-in already given", { optedIn: true }],
  ])("offers no box for %s", async (_case, options) => {
    const api = whatsappApi(options);
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user);
    await waitFor(() => expect(api.callsTo(WHATSAPP)).toHaveLength(1));
    await within(dialog).findByRole("button", { name: "Confirm booking" });
    expect(within(dialog).queryByRole("checkbox")).toBeNull();
  });

  it("in Hindi: the box and the Hindi words, sent back as shown", async () => {
    await setLanguage("hi");
    const api = whatsappApi();
    const { user } = renderApp(<Page />, { api, as: "user" });
    const dialog = await open(user, "बुक करें");
    const box = await within(dialog).findByRole("checkbox", { name: "मेरी बुकिंग के संदेश WhatsApp पर भी भेजें" });
    expect(box).toHaveAccessibleDescription(WORDING.hi);
    await user.click(box);
    await user.click(within(dialog).getByRole("button", { name: "बुकिंग पक्की करें" }));
    await waitFor(() => expect(api.callsTo(BOOK)).toHaveLength(1));
    expect(api.callsTo(BOOK)[0].body.whatsapp_wording).toBe(WORDING.hi);
  });
});
