import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../../lib/paths.js";
import { apiError, fakeApi, ok } from "../../../test/fake-api.js";
import { renderApp, USERS } from "../../../test/render.jsx";
import { makeStudio, studioList } from "../../../test/studios.js";
import { StudioSettingsPage } from "./StudioSettingsPage.jsx";

const BASE = "main /api/studios/lotus-yoga";
const KEY_FIELDS = { stripe: ["secret_key", "webhook_secret"], razorpay: ["key_id", "key_secret", "webhook_secret"] };
const INSTALL = { provider: "install", install_provider: "test", keys_hint: null, keys_set_at: null, webhook_url: null, choices: ["install", "test", "stripe", "razorpay"], key_fields: KEY_FIELDS };
const RAZORPAY = { ...INSTALL, provider: "razorpay", keys_hint: "rzp_test_…AbCd", keys_set_at: "2031-01-05T10:00:00+00:00", webhook_url: "http://localhost:5000/payments/webhook/razorpay/lotus-yoga" };

function settingsApi({ put = ({ body }) => ok({ ...RAZORPAY, provider: body.provider }) } = {}) {
  return fakeApi({
    "GET main /api/studios": () => ok(studioList(makeStudio("owner"))),
    [`GET ${BASE}/payments`]: () => ok(INSTALL),
    [`PUT ${BASE}/payments`]: put,
  });
}

const renderSettings = (api) => renderApp(<StudioSettingsPage />, { route: paths.studioSettings, api, as: USERS.user, studios: true });

describe("StudioSettingsPage", () => {
  it("connects Razorpay with its three keys, then shows only their hint and the webhook address", async () => {
    const { user, api } = renderSettings(settingsApi());
    expect(await screen.findByText("The platform's payments (Test payments (no money moves))", { selector: "dd" })).toBeInTheDocument();
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
    const refused = () => apiError(400, "payment_keys_refused", "stripe did not accept these keys: check them in its dashboard.");
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
});
