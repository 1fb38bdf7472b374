import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage, t } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, NO_BILLING, ok, NO_FAMILY } from "../../../test/fake-api.js";
import { USERS, renderApp } from "../../../test/render.jsx";
import { AccountPage } from "./AccountPage.jsx";

const GET = "GET main /auth/me/whatsapp";
const PUT = "PUT main /auth/me/whatsapp";
const NUMBER = "+919812345678";
// The server's opt-in words (chats.consent_wording) in the request's language, as GET answers them.
const WORDING = {
  en: `Send me messages about my bookings on WhatsApp at ${NUMBER}: confirmations, changes, reminders and replies from my studio. I can stop them at any time by replying STOP.`,
  hi: `मेरी बुकिंग से जुड़े संदेश मुझे WhatsApp पर ${NUMBER} पर भेजें: पुष्टि, बदलाव, रिमाइंडर और मेरे स्टूडियो के जवाब। STOP (या रोकें) लिखकर भेजने से ये कभी भी बंद हो जाएँगे।`,
};

/** /auth/me of a person who books with a phone, and /auth/me/whatsapp as ours answers it: the words in the request's
 *  language, an opt-in only with the words it shows, and no opt-in without a number. */
function whatsappApi({ phone = NUMBER, verified = true, stopped = false, optedIn = false, put } = {}) {
  let opted = optedIn;
  const consent = (language) => ({
    opted_in: opted,
    number: opted ? phone : null,
    phone,
    phone_verified: Boolean(phone && verified),
    stopped,
    active: Boolean(opted && phone && verified && !stopped),
    wording: phone ? WORDING[language] : null,
    wording_language: language,
    history: [],
  });
  const account = { ...USERS.user, created_at: "2026-01-05T10:00:00+00:00", reminders_enabled: true, phone, phone_verified: verified, sms_enabled: false, calendar_feed_url: null };
  return fakeApi({
    ...NO_BILLING, ...NO_FAMILY,
    "GET main /auth/me": () => ok(account),
    [GET]: (call) => ok(consent(call.headers["Accept-Language"])),
    [PUT]: (call) => {
      const refused = put?.(call);
      if (refused) return refused;
      const language = call.headers["Accept-Language"];
      if (call.body.opted_in && call.body.wording !== WORDING[language]) return apiError(400, "validation_error", "Invalid input: wording.", { wording: ["Not the words we show."] });
      opted = call.body.opted_in;
      return ok(consent(language));
    },
  });
}

async function openSection(api) {
  const rendered = renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
  const section = await screen.findByRole("region", { name: "WhatsApp" });
  return { ...rendered, section };
}

describe("WhatsApp", () => {
  it("shows the server's words, opts in with them from the account, and out again", async () => {
    const api = whatsappApi();
    const { user, section } = await openSection(api);
    const box = await within(section).findByRole("checkbox", { name: WORDING.en });
    expect(box).not.toBeChecked();
    expect(within(section).getByText(t("account:whatsapp.isOff"))).toBeInTheDocument();
    // WhatsApp takes the texts' place: the box says so
    expect(box).toHaveAccessibleDescription(`${t("account:whatsapp.help")} ${t("account:whatsapp.textsOnlyIfFailed")}`);

    await user.click(box);
    expect(await within(section).findByText(t("account:whatsapp.savedOn"))).toBeInTheDocument();
    expect(box).toBeChecked();
    expect(within(section).getByText(t("account:whatsapp.isOn", { number: NUMBER }))).toBeInTheDocument();

    await user.click(box);
    expect(await within(section).findByText(t("account:whatsapp.savedOff"))).toBeInTheDocument();
    expect(box).not.toBeChecked();
    expect(api.callsTo(PUT).map((call) => call.body)).toEqual([
      { opted_in: true, source: "account", wording: WORDING.en },
      { opted_in: false, source: "account" },
    ]);
  });

  it("says so when the choice was not kept, and reads the words again", async () => {
    const api = whatsappApi({ put: () => apiError(409, "no_phone", "Give a mobile number first.") });
    const { user, section } = await openSection(api);
    await user.click(await within(section).findByRole("checkbox", { name: WORDING.en }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(t("account:whatsapp.notSaved"));
    await waitFor(() => expect(api.callsTo(GET).length).toBe(2));
    expect(within(section).getByRole("checkbox", { name: WORDING.en })).not.toBeChecked();
  });

  it("offers nothing without a proved number, and points to the phone section", async () => {
    for (const setup of [{ phone: null }, { verified: false }]) {
      const { section, unmount } = await openSection(whatsappApi(setup));
      expect(await within(section).findByText(t("account:whatsapp.needsPhone"))).toBeInTheDocument();
      expect(within(section).queryByRole("checkbox")).not.toBeInTheDocument();
      const link = within(section).getByRole("link", { name: t("account:whatsapp.goToPhone") });
      expect(link).toHaveAttribute("href", "#phone-heading");
      expect(document.getElementById("phone-heading")).toHaveTextContent(t("account:phone.heading"));
      unmount();
    }
  });

  it("reads WhatsApp again when the number changes", async () => {
    const api = whatsappApi({ phone: null });
    api.on({ "PATCH main /auth/me": (call) => ok({ ...USERS.user, reminders_enabled: true, phone: call.body.phone, phone_verified: false, sms_enabled: false }) });
    const { user, section } = await openSection(api);
    await within(section).findByText(t("account:whatsapp.needsPhone"));
    const phoneSection = screen.getByRole("region", { name: t("account:phone.heading") });
    await user.type(within(phoneSection).getByRole("textbox", { name: t("account:phone.label") }), NUMBER);
    await user.click(within(phoneSection).getByRole("button", { name: t("account:phone.save") }));
    await waitFor(() => expect(api.callsTo(GET).length).toBe(2));
  });

  it("says the number replied STOP and how to restart", async () => {
    const { section } = await openSection(whatsappApi({ optedIn: true, stopped: true }));
    expect(await within(section).findByText(t("account:whatsapp.stopped", { number: NUMBER }))).toBeInTheDocument();
    expect(within(section).getByText(/START/)).toHaveTextContent(t("account:whatsapp.restart"));
    expect(within(section).queryByRole("checkbox")).not.toBeInTheDocument();
  });

  it("in Hindi: the Hindi words, sent back as shown", async () => {
    await setLanguage("hi");
    const api = whatsappApi();
    const { user, section } = await openSection(api);
    const box = await within(section).findByRole("checkbox", { name: WORDING.hi });
    expect(within(section).getByText("WhatsApp संदेश बंद हैं।")).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(expect.stringContaining("SMS तभी भेजे जाते हैं जब कोई WhatsApp संदेश पहुँचाया न जा सके।"));
    await user.click(box);
    expect(await within(section).findByText("सेव हो गया: WhatsApp संदेश चालू हैं।")).toBeInTheDocument();
    expect(within(section).getByText(`${NUMBER} पर WhatsApp संदेश चालू हैं।`)).toBeInTheDocument();
    expect(api.callsTo(PUT).map((call) => call.body)).toEqual([{ opted_in: true, source: "account", wording: WORDING.hi }]);
  });

  it("in Hindi: no proved number, and a stopped one", async () => {
    await setLanguage("hi");
    const first = await openSection(whatsappApi({ phone: null }));
    expect(await within(first.section).findByRole("link", { name: "SMS वाले हिस्से में अपना नंबर जोड़ें और जाँचें" })).toBeInTheDocument();
    first.unmount();
    const { section } = await openSection(whatsappApi({ stopped: true }));
    expect(await within(section).findByText(/START दें।$/)).toBeInTheDocument();
  });
});
