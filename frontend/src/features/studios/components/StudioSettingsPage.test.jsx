import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "../../../lib/i18n.js";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok, reply } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, ROLE_PERMISSIONS, studioList } from "../../../test/studios.js";
import { StudioSettingsPage } from "./StudioSettingsPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const KEY_FIELDS = { stripe: ["secret_key", "webhook_secret"], razorpay: ["key_id", "key_secret", "webhook_secret"] };
const INSTALL = { provider: "install", install_provider: "test", keys_hint: null, keys_set_at: null, webhook_url: null, choices: ["install", "stripe", "razorpay"], key_fields: KEY_FIELDS };
const RAZORPAY = { ...INSTALL, provider: "razorpay", keys_hint: "rzp_test_…AbCd", keys_set_at: "2031-01-05T10:00:00+00:00", webhook_url: "http://localhost:5000/payments/webhook/razorpay/lotus-yoga" };

/** The booking widget's reads, which every owner's page makes (BookingWidget.test.jsx tests the widget). */
const WIDGET = {
  [`GET ${BASE}`]: () => ok({ ...makeStudio("owner"), embed_origins: [] }),
  "GET main /api/public/studios/lotus-yoga": () => ok({ studio: { slug: "lotus-yoga", embed_origins: [] }, events: [], events_total: 0, passes: [] }),
};

function settingsApi({ put = ({ body }) => ok({ ...RAZORPAY, provider: body.provider }) } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET ${BASE}/payments`]: () => ok(INSTALL),
    ...WIDGET,
    [`PUT ${BASE}/payments`]: put,
  });
}

const renderSettings = (api) => renderApp(<StudioSettingsPage />, { route: paths.studioSettings, api, as: USERS.user, studios: true });

describe("StudioSettingsPage", () => {
  it("connects Razorpay with its three keys, then shows only their hint and the webhook address", async () => {
    const { user, api } = renderSettings(settingsApi());
    expect(await screen.findByText("The platform's payments: Test payments (no money moves)", { selector: "dd" })).toBeInTheDocument();
    // Each way to take money once: the platform's own test provider is not offered again beside it.
    expect(within(screen.getByLabelText("Provider")).getAllByRole("option").map((option) => option.textContent)).toEqual(["The platform's payments: Test payments (no money moves)", "Stripe", "Razorpay (UPI, cards, netbanking)"]);
    await user.selectOptions(screen.getByLabelText("Provider"), "razorpay");
    await user.type(screen.getByLabelText("Key id"), "rzp_test_1234567890AbCd");
    await user.type(screen.getByLabelText("Key secret"), "secret-of-the-key");
    await user.type(screen.getByLabelText("Webhook signing secret"), "hook-secret");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo(`PUT ${BASE}/payments`)).toHaveLength(1));
    expect(api.callsTo(`PUT ${BASE}/payments`)[0].body).toEqual({ provider: "razorpay", keys: { key_id: "rzp_test_1234567890AbCd", key_secret: "secret-of-the-key", webhook_secret: "hook-secret" } });
    expect(await screen.findByText("Payments now go through Razorpay (UPI, cards, netbanking).")).toBeInTheDocument();
    expect(screen.getByText("rzp_test_…AbCd")).toBeInTheDocument();
    expect(screen.getByText(RAZORPAY.webhook_url)).toBeInTheDocument();
    expect(screen.getByLabelText("Key id")).toHaveValue("");
  });

  it("asks for every key before sending, and says so when the provider refuses them", async () => {
    const refused = () => apiError(400, "payment_keys_refused", "Stripe did not accept these keys: check them in its dashboard.");
    const { user, api } = renderSettings(settingsApi({ put: refused }));
    await screen.findByLabelText("Provider");
    await user.selectOptions(screen.getByLabelText("Provider"), "stripe");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findAllByText("Enter this key.")).toHaveLength(2);
    expect(api.callsTo(`PUT ${BASE}/payments`)).toHaveLength(0);
    await user.type(screen.getByLabelText("Secret key"), "sk_test_wrong");
    await user.type(screen.getByLabelText("Webhook signing secret"), "whsec_x");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/did not accept these keys/)).toBeInTheDocument();
  });

  it("exports the studio: its progress, then its one-use link", async () => {
    let status = { id: 7, status: "running", rows_total: 40, rows_done: 10, size: null, failure: null, created_at: "2031-01-05T10:00:00+00:00", expires_at: "2031-01-06T10:00:00+00:00" };
    const link = "http://localhost:5000/exports/7/download?token=abc";
    const api = fakeApi({
      "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
      [`GET ${BASE}/payments`]: () => ok(INSTALL),
      ...WIDGET,
      [`POST ${BASE}/exports`]: () => ok({ ...status, rows_done: 0, download_url: link }),
      [`GET ${BASE}/exports/7`]: () => ok(status),
    });
    const { user } = renderSettings(api);
    const section = await screen.findByRole("region", { name: "Export" });
    await user.click(within(section).getByRole("button", { name: "Export everything" }));
    expect(await within(section).findByText("10 of 40 rows")).toBeInTheDocument();
    status = { ...status, status: "ready", rows_done: 40, size: 2048 };
    const download = await within(section).findByRole("link", { name: "Download the ZIP" }, { timeout: 4000 });
    expect(download).toHaveAttribute("href", link);
  });

  describe("moving a studio here", () => {
    const RUNNING = { id: 9, status: "running", file: "bookings", files_done: 9, files_total: 20, rows_total: 400, rows_done: 100, written: { clients: 10, events: 2 }, failure: null, created_at: "2031-01-05T10:00:00+00:00", finished_at: null };
    const zip = () => new File(["PK\u0003\u0004"], "old-studio.zip", { type: "application/zip" });

    function importApi(post, progress = () => ok(RUNNING)) {
      return fakeApi({
        "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
        [`GET ${BASE}/payments`]: () => ok(INSTALL),
        ...WIDGET,
        [`POST ${BASE}/studio-imports`]: post,
        [`GET ${BASE}/studio-imports/9`]: progress,
      });
    }

    it("sends the ZIP as it is, shows the file being written, then what was written", async () => {
      let job = RUNNING;
      const api = importApi(() => reply(202, { ...RUNNING, rows_done: 0, file: null, files_done: 0 }), () => ok(job));
      const { user } = renderSettings(api);
      const section = await screen.findByRole("region", { name: "Move a studio here" });
      const send = within(section).getByRole("button", { name: "Import the export" });
      expect(send).toBeDisabled();
      const file = zip();
      await user.upload(within(section).getByLabelText("Studio export (ZIP)"), file);
      await user.click(send);
      await waitFor(() => expect(api.callsTo(`POST ${BASE}/studio-imports`)).toHaveLength(1));
      const [call] = api.callsTo(`POST ${BASE}/studio-imports`);
      expect(call.body).toBe(file);
      expect(call.headers["Content-Type"]).toBe("application/zip");
      expect(await within(section).findByText("100 of 400 rows (25%), writing bookings (9 of 20 files written)", {}, { timeout: 4000 })).toBeInTheDocument();
      expect(within(section).getByLabelText("Importing…")).toHaveAttribute("value", "100");
      job = { ...RUNNING, status: "done", file: null, files_done: 20, rows_done: 400, written: { bookings: 300, clients: 10, feedback: 5 } };
      const written = await within(section).findByRole("list", { name: "Rows written" }, { timeout: 4000 });
      expect(within(written).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Clients: 10", "Bookings: 300", "Feedback: 5"]);
      expect(within(section).queryByRole("button", { name: "Import the export" })).not.toBeInTheDocument();
    });

    it("says why a studio that already has events is refused", async () => {
      const refused = () => apiError(409, "studio_not_empty", "A studio export goes only into a studio with no events or passes.");
      const { user } = renderSettings(importApi(refused));
      const section = await screen.findByRole("region", { name: "Move a studio here" });
      await user.upload(within(section).getByLabelText("Studio export (ZIP)"), zip());
      await user.click(within(section).getByRole("button", { name: "Import the export" }));
      expect(await within(section).findByRole("alert")).toHaveTextContent("The import was not started. A studio export goes only into a studio with no events or passes.");
    });

    it("shows a failed import's reason and that nothing was kept", async () => {
      const failed = { ...RUNNING, status: "failed", file: null, failure: "bookings.csv names a session the export does not hold. Nothing it wrote was kept: the studio is as it was before the import." };
      const { user } = renderSettings(importApi(() => reply(202, RUNNING), () => ok(failed)));
      const section = await screen.findByRole("region", { name: "Move a studio here" });
      await user.upload(within(section).getByLabelText("Studio export (ZIP)"), zip());
      await user.click(within(section).getByRole("button", { name: "Import the export" }));
      const alert = await within(section).findByRole("alert", {}, { timeout: 4000 });
      expect(alert).toHaveTextContent(/^The import failed\. bookings\.csv names a session the export does not hold\. Nothing it wrote was kept: the studio is as it was before the import\.$/);
    });
  });

  describe("the default language", () => {
    const languageApi = (studio = makeStudio("owner")) =>
      fakeApi({
        "GET main /api/studios": () => ok(studioList(studio)),
        [`GET ${BASE}/payments`]: () => ok(INSTALL),
        ...WIDGET,
        [`GET ${BASE}`]: () => ok({ ...studio, embed_origins: [], default_language: "hi" }),
        [`PATCH ${BASE}`]: ({ body }) => ok({ ...studio, embed_origins: [], ...body }),
      });

    it("offers each language by its own name and sends the one chosen as default_language", async () => {
      const api = languageApi();
      const { user } = renderSettings(api);
      const select = await screen.findByLabelText("Default language");
      expect(select).toHaveValue("hi");
      expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual(["English", "हिन्दी", "मराठी"]);
      await user.selectOptions(select, "mr");
      await user.click(screen.getByRole("button", { name: "Save the language" }));
      expect(await screen.findByText("Saved: the studio's default language is मराठी.")).toBeInTheDocument();
      expect(api.callsTo(`PATCH ${BASE}`).map((call) => call.body)).toEqual([{ default_language: "mr" }]);
    });

    it("shows it unchangeable to a member who may not change the settings", async () => {
      const studio = makeStudio("owner", { my_permissions: ROLE_PERMISSIONS.owner.filter((name) => name !== "studio.settings") });
      renderSettings(languageApi(studio));
      expect(await screen.findByLabelText("Default language")).toBeDisabled();
      expect(screen.getByText("Only the studio's owners change this.")).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Save the language" })).not.toBeInTheDocument();
    });
  });

  it("reads in Hindi and Marathi", async () => {
    await setLanguage("hi");
    const { unmount } = renderSettings(settingsApi());
    expect(await screen.findByRole("heading", { level: 1, name: "स्टूडियो सेटिंग्स" })).toBeInTheDocument();
    expect(await screen.findByText("प्लैटफ़ॉर्म का भुगतान: टेस्ट भुगतान (कोई पैसा नहीं कटता)", { selector: "dd" })).toBeInTheDocument();
    unmount();
    await setLanguage("mr");
    renderSettings(settingsApi());
    expect(await screen.findByRole("heading", { level: 1, name: "स्टुडिओ सेटिंग्ज" })).toBeInTheDocument();
    expect(await screen.findByText("प्लॅटफॉर्मचे पेमेंट: टेस्ट पेमेंट (पैसे कापले जात नाहीत)", { selector: "dd" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "सेव्ह करा" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "बुकिंग विजेट" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "एक्सपोर्ट" })).toBeInTheDocument();
    expect(await screen.findByLabelText("डीफॉल्ट भाषा")).toHaveValue("en");
  });
});
