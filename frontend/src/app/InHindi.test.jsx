/** One main page of each of the account, auth, integration and mailbox features reads in Hindi, and the shared frame
 *  and helpers with it (money, dates, the 404 page). */
import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { NotFoundPage } from "../components/NotFoundPage.jsx";
import { AccountPage } from "../features/account/components/AccountPage.jsx";
import { LoginPage } from "../features/auth/components/LoginPage.jsx";
import { IntegrationPage } from "../features/integration/components/IntegrationPage.jsx";
import { MailboxPage } from "../features/mailbox/components/MailboxPage.jsx";
import { setLanguage } from "../lib/i18n.js";
import { formatMoney } from "../lib/money.js";
import { paths } from "../lib/paths.js";
import { fakeApi, NO_BILLING, NO_WHATSAPP, ok, NO_FAMILY } from "../test/fake-api.js";
import { renderApp, USERS } from "../test/render.jsx";

const OUTBOX = { pending: 0, retrying: 0, dead: 1, delivered_last_hour: 3, oldest_pending_at: null };
const STATUS = { crm: { base_url: "http://crm.test", reachable: true, signing: true }, outbox: OUTBOX, last_success_at: null, last_error: null };

describe("in Hindi", () => {
  beforeEach(() => setLanguage("hi"));

  it("the login page", async () => {
    renderApp(<LoginPage />, { route: paths.login, loginStubs: false });
    expect(screen.getByRole("heading", { level: 1, name: "लॉग इन" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "ईमेल या यूज़रनेम" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "लॉग इन करें" })).toBeInTheDocument();
  });

  it("the account page", async () => {
    const account = { ...USERS.user, reminders_enabled: true, calendar_feed_url: null };
    const api = fakeApi({ ...NO_BILLING, ...NO_WHATSAPP, ...NO_FAMILY, "GET main /auth/me": () => ok(account) });
    renderApp(<AccountPage />, { route: paths.account, api, as: "user" });
    expect(await screen.findByRole("heading", { level: 2, name: "आपकी जानकारी" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "पासवर्ड" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "भाषा" })).toHaveValue("hi");
  });

  it("the delivery page", async () => {
    renderApp(<IntegrationPage />, { route: paths.integration, api: fakeApi({ "GET main /api/crm/integration": () => ok(STATUS) }), as: "admin" });
    expect(screen.getByRole("heading", { level: 1, name: "डिलीवरी: CRM, ईमेल, SMS, भुगतान" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "नाकाम डिलीवरी फिर से भेजें" })).toBeInTheDocument();
    expect(screen.getByText("पिछले एक घंटे में पहुँचे")).toBeInTheDocument();
  });

  it("the mailbox, and a price that is free", async () => {
    const api = fakeApi({
      "GET main /dev/mailbox": () => ok({ folder: "/tmp/mail", messages: [] }),
      "GET main /dev/texts": () => ok({ texts: [] }),
      "GET main /dev/whatsapp": () => ok({ business_number_id: null, conversations: [] }),
    });
    renderApp(<MailboxPage />, { route: paths.mailbox, path: paths.mailbox, api });
    expect(await screen.findByText("अभी कोई ईमेल नहीं।")).toBeInTheDocument();
    expect(await screen.findByText("अभी तक कोई WhatsApp संदेश नहीं।")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "मेलबॉक्स" })).toBeInTheDocument();
    expect(formatMoney(0, "INR")).toBe("निःशुल्क");
  });

  it("the page not found", () => {
    renderApp(<NotFoundPage />);
    expect(screen.getByRole("heading", { level: 1, name: "पेज नहीं मिला" })).toBeInTheDocument();
    expect(document.title).toBe("पेज नहीं मिला · सेशन और रिट्रीट");
  });
});
